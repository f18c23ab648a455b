import { Body, Controller, Get, Inject, Param, Put } from '@nestjs/common';
import type { MailSettings } from '@escalations/casework';
import { PartnershipContactRepository, type Database } from '@escalations/db';
import type { PolicyFile, PolicyLibrary } from '@escalations/domain';
import type { Caller } from '../auth/authenticated-request';
import { CurrentCaller } from '../auth/current-caller';
import { Roles } from '../auth/roles.decorator';
import { inScope } from '../auth/scope';
import { unknownPolicy } from '../cases/cases.service';
import { ApiError } from '../common/api-error';
import { CLOCK, DATABASE, MAIL_SETTINGS, POLICY_LIBRARY, type Clock } from '../common/tokens';
import { ZodPipe } from '../common/zod.pipe';
import { PartnershipContactsBodySchema, type PartnershipContactsBody } from './directory.dto';

/**
 * Who holds each partnership role (breach notices, rationales, forms and digests go to them):
 * kept here by the partnership's administrators, PARTNERSHIP_CONTACTS as the first seed.
 */
@Controller('api/v1')
export class PartnershipContactsController {
  private readonly directory = new PartnershipContactRepository();

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(POLICY_LIBRARY) private readonly library: PolicyLibrary,
    @Inject(MAIL_SETTINGS) private readonly mail: MailSettings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('policies/:id/contacts')
  async get(@Param('id') id: string, @CurrentCaller() caller: Caller) {
    const policy = this.policyOf(id, caller);
    return this.present(policy, (await this.directory.all(this.db))[policy.id] ?? {});
  }

  @Put('policies/:id/contacts')
  @Roles('admin')
  async put(
    @Param('id') id: string,
    @Body(new ZodPipe(PartnershipContactsBodySchema)) body: PartnershipContactsBody,
    @CurrentCaller() caller: Caller,
  ) {
    const policy = this.policyOf(id, caller);
    const roles = policy.partnershipRoles.map((role) => role.key);
    const unknown = Object.keys(body).filter((role) => !roles.includes(role));
    if (unknown.length > 0) {
      const details = unknown.map((role) => ({
        field: role,
        message: `not one of ${policy.id}'s partnership roles (${roles.join(', ')})`,
      }));
      throw ApiError.badRequest(details.map((d) => `${d.field}: ${d.message}`).join('; '), details);
    }
    const contacts = Object.fromEntries(
      Object.entries(body).map(([role, addresses]) => [role, [...new Set(addresses)]]),
    );
    await this.db.transaction((tx) =>
      this.directory.replace(tx, policy.id, contacts, this.clock()),
    );
    return this.present(policy, contacts);
  }

  /** A policy not in force, or another partnership's: the same 404. */
  private policyOf(id: string, caller: Caller): PolicyFile {
    const policy = this.library.policies.get(id);
    if (!policy || !inScope(caller, policy.id)) throw unknownPolicy(id, this.library, caller);
    return policy;
  }

  /** Every role of the policy, its addresses and where they come from. */
  private present(policy: PolicyFile, directory: Record<string, string[]>) {
    const seed = this.mail.partnershipContacts[policy.id] ?? {};
    return {
      policy: policy.id,
      roles: policy.partnershipRoles.map((role) => {
        const named = directory[role.key];
        const seeded = seed[role.key];
        return {
          role: role.key,
          title: role.title,
          addresses: named ?? [...(seeded ?? [])],
          from: named ? 'directory' : seeded?.length ? 'PARTNERSHIP_CONTACTS' : 'none',
        };
      }),
    };
  }
}
