import {
  Body,
  Controller,
  Get,
  HttpStatus,
  Inject,
  Param,
  Post,
  Query,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import type { Response } from 'express';
import type { PolicyLibrary } from '@escalations/domain';
import { ApiKeyService } from '../auth/api-key.service';
import type { Caller } from '../auth/authenticated-request';
import { Public } from '../auth/roles.decorator';
import { EVERY_POLICY, inScope, isOperator } from '../auth/scope';
import { CreateApiKeyBodySchema } from '../api-keys/api-keys.dto';
import { ApiError } from '../common/api-error';
import { POLICY_LIBRARY } from '../common/tokens';
import { ConsoleErrorFilter } from './console-error.filter';
import { CurrentSession } from './console-request';
import { ConsoleSessionGuard } from './console-session.guard';
import type { ConsoleSession } from './console-session.service';
import { renderPage } from './page';

/**
 * Keys, for admins, through the API's own ApiKeyService with the signed-in key as the one
 * acting: the operator's admin manages every key, a partnership's admin makes auditor keys
 * within its scope and revokes the keys within it.
 */
@Controller('console/keys')
@Public()
@UseGuards(ConsoleSessionGuard)
@UseFilters(ConsoleErrorFilter)
export class ConsoleKeysController {
  constructor(
    private readonly keys: ApiKeyService,
    @Inject(POLICY_LIBRARY) private readonly library: PolicyLibrary,
  ) {}

  @Get()
  async list(
    @CurrentSession() session: ConsoleSession,
    @Res() response: Response,
    @Query('revoked') revoked?: string,
  ): Promise<void> {
    adminOnly(session.caller);
    response.send(await this.page(response, session, { revoked: revoked === '1' }));
  }

  @Post()
  async create(
    @Body() body: Record<string, unknown>,
    @CurrentSession() session: ConsoleSession,
    @Res() response: Response,
  ): Promise<void> {
    adminOnly(session.caller);
    const ticked = [body['policies'] ?? []]
      .flat()
      .filter((p): p is string => typeof p === 'string');
    const parsed = CreateApiKeyBodySchema.safeParse({
      role: body['role'],
      label: body['label'],
      ...(ticked.length > 0 ? { policies: ticked } : {}),
    });
    if (!parsed.success) {
      response
        .status(HttpStatus.BAD_REQUEST)
        .send(
          await this.page(response, session, { error: sentence(parsed.error.issues[0]!.message) }),
        );
      return;
    }
    const policies = parsed.data.policies ?? session.caller.policies;
    const unknown = policies.filter((id) => id !== EVERY_POLICY && !this.library.policies.has(id));
    try {
      if (unknown.length > 0) throw ApiError.badRequest(`There is no policy ${unknown.join(', ')}`);
      const made = await this.keys.create(
        parsed.data.role,
        parsed.data.label,
        policies,
        session.caller,
      );
      response
        .status(HttpStatus.CREATED)
        .send(await this.page(response, session, { created: made }));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      response
        .status(error.getStatus())
        .send(await this.page(response, session, { error: messageOf(error) }));
    }
  }

  @Post(':id/revoke')
  async revoke(
    @Param('id') id: string,
    @CurrentSession() session: ConsoleSession,
    @Res() response: Response,
  ): Promise<void> {
    adminOnly(session.caller);
    try {
      await this.keys.revoke(id, session.caller);
    } catch (error) {
      if (!(error instanceof ApiError) || error.getStatus() === 404) throw error;
      response
        .status(error.getStatus())
        .send(await this.page(response, session, { error: messageOf(error) }));
      return;
    }
    // revoking one's own key ends this session too
    response.redirect(
      303,
      id === session.caller.keyId ? '/console/sign-in' : '/console/keys?revoked=1',
    );
  }

  private async page(
    response: Response,
    session: ConsoleSession,
    extra: Record<string, unknown>,
  ): Promise<string> {
    const caller = session.caller;
    const listed = await this.keys.list(isOperator(caller) ? undefined : caller);
    const operator = isOperator(caller);
    const policies = [...this.library.policies.values()].filter((p) => inScope(caller, p.id));
    return renderPage(
      response,
      'keys.njk',
      {
        title: 'API keys',
        section: 'keys',
        rows: listed.map((key) => [
          { text: key.label },
          { text: key.role },
          {
            text: key.policies.includes(EVERY_POLICY)
              ? 'Every partnership'
              : key.policies.join(', '),
          },
          { text: key.prefix },
          { text: key.createdAt.slice(0, 10) },
          { text: key.lastUsedAt?.slice(0, 10) ?? 'Never' },
          {
            html: key.revokedAt
              ? `Revoked ${key.revokedAt.slice(0, 10)}`
              : `<form method="post" action="/console/keys/${key.id}/revoke" class="console-inline-form"><input type="hidden" name="_csrf" value="${session.csrf}"><button type="submit" class="govuk-button govuk-button--warning govuk-!-margin-bottom-0" data-module="govuk-button">Revoke<span class="govuk-visually-hidden"> ${escapeHtml(key.label)}</span></button></form>`,
          },
        ]),
        roleItems: (operator ? ['auditor', 'admin', 'inbound'] : ['auditor']).map((role, i) => ({
          value: role,
          text: ROLE_TEXT[role],
          checked: i === 0,
        })),
        policyItems: [
          ...(operator ? [{ value: EVERY_POLICY, text: 'Every partnership (the operator)' }] : []),
          ...policies.map((p) => ({ value: p.id, text: p.partnership })),
        ],
        ...extra,
      },
      session,
    );
  }
}

const ROLE_TEXT: Record<string, string> = {
  auditor: 'Auditor: reads cases, reports and the access log',
  admin: 'Admin: also acts on cases and manages keys',
  inbound: "Mail provider's webhook: POST /inbound only",
};

function adminOnly(caller: Caller): void {
  if (caller.role !== 'admin')
    throw new ApiError(
      HttpStatus.FORBIDDEN,
      'forbidden',
      `managing keys needs an admin key; this key is an ${caller.role}'s`,
    );
}

function messageOf(error: ApiError): string {
  return sentence((error.getResponse() as { error: { message: string } }).error.message);
}

function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
