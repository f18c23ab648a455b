import { Inject, Injectable } from '@nestjs/common';
import {
  AgencyRepository,
  type AgencyInput,
  type AgencyRecord,
  type Database,
} from '@escalations/db';
import type { PolicyFile, PolicyLibrary } from '@escalations/domain';
import type { Caller } from '../auth/authenticated-request';
import { inScope, scopedPolicies } from '../auth/scope';
import { unknownPolicy } from '../cases/cases.service';
import { ApiError } from '../common/api-error';
import { DATABASE, POLICY_LIBRARY } from '../common/tokens';
import { isUuid } from '../common/uuid';
import type { AgencyListQuery, CreateAgencyBody, UpdateAgencyBody } from './directory.dto';

/**
 * The agencies of each partnership: name, other names, type (a column of the policy's role
 * ladder) and the safeguarding contacts who may act on their cases. Validated against the
 * policy; a partnership's key sees and changes its own only.
 */
@Injectable()
export class AgenciesService {
  private readonly agencies = new AgencyRepository();

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(POLICY_LIBRARY) private readonly library: PolicyLibrary,
  ) {}

  async list(query: AgencyListQuery, caller: Pick<Caller, 'policies'>) {
    const scope = scopedPolicies(caller);
    const policies = query.policy
      ? scope && !scope.includes(query.policy)
        ? []
        : [query.policy]
      : scope;
    return (await this.agencies.list(this.db, policies)).map((agency) => this.present(agency));
  }

  async create(body: CreateAgencyBody, caller: Pick<Caller, 'policies'>) {
    const policy = this.library.policies.get(body.policy);
    if (!policy || !inScope(caller, policy.id))
      throw unknownPolicy(body.policy, this.library, caller);
    const input: AgencyInput = {
      policyId: policy.id,
      name: body.name,
      aliases: body.aliases,
      type: body.type,
      contacts: body.contacts.map((contact) => ({ ...contact, name: contact.name ?? null })),
    };
    return this.db.transaction(async (tx) => {
      await this.check(tx, policy, input, null);
      const id = await this.agencies.insert(tx, input);
      return this.present((await this.agencies.findById(tx, id))!);
    });
  }

  async update(id: string, body: UpdateAgencyBody, caller: Pick<Caller, 'policies'>) {
    return this.db.transaction(async (tx) => {
      const found = await this.find(tx, id, caller);
      const policy = this.library.policies.get(found.policyId)!;
      const input: AgencyInput = {
        policyId: found.policyId,
        name: body.name ?? found.name,
        aliases: body.aliases ?? found.aliases,
        type: body.type === undefined ? found.type : body.type,
        contacts: body.contacts
          ? body.contacts.map((contact) => ({ ...contact, name: contact.name ?? null }))
          : found.contacts,
      };
      await this.check(tx, policy, input, found.id);
      await this.agencies.update(tx, found.id, input);
      return this.present((await this.agencies.findById(tx, found.id))!);
    });
  }

  async remove(id: string, caller: Pick<Caller, 'policies'>) {
    return this.db.transaction(async (tx) => {
      const found = await this.find(tx, id, caller);
      await this.agencies.delete(tx, found.id);
      return { id: found.id, deleted: true };
    });
  }

  /** Another partnership's agency is not found, exactly as a missing one. */
  private async find(executor: Database, id: string, caller: Pick<Caller, 'policies'>) {
    const found = isUuid(id) ? await this.agencies.findById(executor, id) : null;
    if (!found || !inScope(caller, found.policyId) || !this.library.policies.has(found.policyId))
      throw ApiError.notFound(`agency ${id}`);
    return found;
  }

  /**
   * Against the policy: a type it declares, stages it has; and no name or alias that another
   * of its agencies already answers to, so a form's words name one agency at most.
   */
  private async check(
    executor: Database,
    policy: PolicyFile,
    input: AgencyInput,
    self: string | null,
  ): Promise<void> {
    const problems: { field: string; message: string }[] = [];
    const types = policy.agencyTypes.map((type) => type.key);
    if (input.type !== null && !types.includes(input.type))
      problems.push({
        field: 'type',
        message: `"${input.type}" is not one of ${policy.id}'s agency types (${types.join(', ') || 'none'})`,
      });
    input.contacts.forEach((contact, i) => {
      if (contact.stage > policy.stages.length)
        problems.push({
          field: `contacts.${i}.stage`,
          message: `${policy.id} has stages 1 to ${policy.stages.length}`,
        });
    });
    const taken = new Map<string, string>();
    for (const other of await this.agencies.list(executor, [policy.id])) {
      if (other.id === self) continue;
      for (const word of [other.name, ...other.aliases])
        taken.set(word.trim().toLowerCase(), other.name);
    }
    const own = new Set<string>();
    [input.name, ...input.aliases].forEach((word, i) => {
      const key = word.trim().toLowerCase();
      const field = i === 0 ? 'name' : `aliases.${i - 1}`;
      const holder = taken.get(key);
      if (holder) problems.push({ field, message: `"${word}" already names ${holder}` });
      else if (own.has(key)) problems.push({ field, message: `"${word}" is given twice` });
      own.add(key);
    });
    if (problems.length > 0)
      throw ApiError.badRequest(
        problems.map((p) => `${p.field}: ${p.message}`).join('; '),
        problems,
      );
  }

  private present(agency: AgencyRecord) {
    const policy = this.library.policies.get(agency.policyId);
    return {
      id: agency.id,
      policy: agency.policyId,
      name: agency.name,
      aliases: agency.aliases,
      type: agency.type,
      typeLabel: policy?.agencyTypes.find((type) => type.key === agency.type)?.label ?? null,
      contacts: agency.contacts,
      createdAt: agency.createdAt.toISOString(),
    };
  }
}
