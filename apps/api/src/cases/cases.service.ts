import { Inject, Injectable } from '@nestjs/common';
import {
  Casework,
  caseAutomaticMail,
  caseFailingAddresses,
  messageOwner,
  readMessageHeadline,
  type MailSettings,
} from '@escalations/casework';
import {
  caseListCursorAfter,
  CaseQueryRepository,
  CaseRepository,
  EventRepository,
  MessageRepository,
  type Database,
} from '@escalations/db';
import {
  calendarOf,
  OutsideCalendarError,
  readTypedInstant,
  TypedTimeError,
  type Actor,
  type CaseCommand,
  type PolicyLibrary,
  type RaiseCommand,
  type Refusal,
} from '@escalations/domain';
import type { Caller } from '../auth/authenticated-request';
import { assertInScope, inScope } from '../auth/scope';
import { ApiError } from '../common/api-error';
import { CLOCK, DATABASE, MAIL_SETTINGS, POLICY_LIBRARY, type Clock } from '../common/tokens';
import { isUuid } from '../common/uuid';
import { presentCase } from './case.view';
import type { CaseActionBody, CaseListQuery, OpenCaseBody } from './cases.dto';
import { caseListFilters } from './case-list-filters';
import { decodeCursor, decodeSortedCursor, encodeCursor, encodeSortedCursor } from './cursor';

/** The API's door into casework, and its reads of cases. */
@Injectable()
export class CasesService {
  private readonly cases = new CaseRepository();
  private readonly queries = new CaseQueryRepository();
  private readonly eventLog = new EventRepository();
  private readonly messages = new MessageRepository();

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(POLICY_LIBRARY) private readonly library: PolicyLibrary,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly casework: Casework,
    @Inject(MAIL_SETTINGS) private readonly mail: MailSettings,
  ) {}

  async open(body: OpenCaseBody, caller: Caller) {
    const policy = this.library.policies.get(body.policy);
    if (!policy || !inScope(caller, policy.id))
      throw unknownPolicy(body.policy, this.library, caller);
    const now = this.clock();
    const raisedAt = body.raisedAt
      ? typedInstant(
          'raisedAt',
          body.raisedAt,
          calendarOf(this.library, policy, body.calendar).zone,
        )
      : now;
    if (raisedAt.getTime() > now.getTime() + 60_000) {
      throw ApiError.badRequest('raisedAt: cannot be in the future', [
        { field: 'raisedAt', message: 'cannot be in the future' },
      ]);
    }
    const { policy: _policy, raisedAt: _raisedAt, calendar, ...form } = body;
    const result = await this.casework
      .open(
        {
          ...form,
          policyId: policy.id,
          raisedAt,
          imported: body.raisedAt !== undefined,
          ...(calendar !== undefined ? { calendarId: calendar } : {}),
        },
        actorOf(caller),
      )
      .catch(outsideCalendar('raisedAt'));
    if (!result.ok) throw refused(result.refusal);
    return presentCase(result.state, policy);
  }

  async act(ref: string, body: CaseActionBody, caller: Caller) {
    // Another partnership's case is not there for this key, exactly as a missing one.
    await this.get(ref, caller);
    const apply = this.casework.apply(ref, commandOf(body), actorOf(caller));
    // Only an extension names a date of the caller's choosing; for anything else a date
    // past the calendars is the deployment's to fix, and stays an internal error.
    const result = await (body.action === 'extend'
      ? apply.catch(outsideCalendar(body.until !== undefined ? 'until' : 'workingDays'))
      : apply);
    if (!result.ok) throw refused(result.refusal);
    return presentCase(result.state, this.library.policies.get(result.state.policyId));
  }

  async list(query: CaseListQuery, caller: Pick<Caller, 'policies'>) {
    const rows = await this.queries.list(
      this.db,
      caseListFilters(query, caller),
      this.clock(),
      query.limit + 1,
      query.cursor
        ? query.sort
          ? decodeSortedCursor(query.cursor, query.sort)
          : decodeCursor(query.cursor)
        : undefined,
      query.sort,
    );
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map(({ id: _id, ...row }) => ({
        ...row,
        policy: row.policyId,
        raisedAt: row.raisedAt.toISOString(),
        currentDueAt: row.currentDueAt?.toISOString() ?? null,
        closedAt: row.closedAt?.toISOString() ?? null,
      })),
      nextCursor:
        rows.length > query.limit && last
          ? query.sort
            ? encodeSortedCursor(caseListCursorAfter(query.sort, last))
            : encodeCursor({ raisedAt: last.raisedAt.toISOString(), id: last.id })
          : null,
    };
  }

  async get(ref: string, caller: Pick<Caller, 'policies'>) {
    const record = await this.cases.findByRef(this.db, ref);
    if (!record) throw ApiError.notFound(`case ${ref}`);
    assertInScope(caller, record.state.policyId, `case ${ref}`);
    return {
      id: record.id,
      body: presentCase(record.state, this.library.policies.get(record.state.policyId)),
    };
  }

  /**
   * The case as GET /cases/:ref shows it: with the machine-sent mail about it (out-of-office
   * replies, bounces) and its participants' failing addresses, which tell an auditor why
   * someone did not answer in time.
   */
  async view(ref: string, caller: Pick<Caller, 'policies'>) {
    const { id, body } = await this.get(ref, caller);
    const [automaticMail, failingAddresses] = await Promise.all([
      caseAutomaticMail(this.db, id),
      caseFailingAddresses(this.db, id),
    ]);
    return { ...body, automaticMail, failingAddresses };
  }

  async events(ref: string, caller: Pick<Caller, 'policies'>) {
    const { id, body: found } = await this.get(ref, caller);
    const rows = await this.eventLog.listForCase(this.db, id);
    return {
      ref: found.ref,
      body: rows.map((row) => ({
        seq: row.seq,
        type: row.type,
        at: row.at.toISOString(),
        stage: row.stage,
        actor: row.actor,
        verified: row.verified,
        data: row.data,
        recordedAt: row.recordedAt.toISOString(),
      })),
    };
  }

  async messagesOf(ref: string, caller: Pick<Caller, 'policies'>) {
    const { id, body: found } = await this.get(ref, caller);
    const [rows, files] = await Promise.all([
      this.messages.listForCase(this.db, id),
      this.messages.attachmentsForCase(this.db, id),
    ]);
    const body = [];
    for (const { head, noticeKind, ...row } of rows) {
      body.push({
        ...row,
        // from, to, subject as the message itself says them (what was sent is what is listed)
        ...(await readMessageHeadline(head)),
        // what the message was for: the notice's kind for mail we sent (learning-request, ...)
        noticeKind,
        receivedAt: row.receivedAt.toISOString(),
        processedAt: row.processedAt?.toISOString() ?? null,
        // Listed, not served: an attachment over the size limit was not kept.
        attachments: files
          .filter((file) => file.messageId === row.id)
          .map(({ messageId: _message, ...file }) => file),
      });
    }
    return { ref: found.ref, body };
  }

  /** The bytes of a message, and the reference of its case (null for mail that found none). */
  async rawMessage(id: string, caller: Pick<Caller, 'policies'>) {
    if (!isUuid(id)) throw ApiError.notFound(`message ${id}`);
    const row = await this.messages.findById(this.db, id);
    if (!row) throw ApiError.notFound(`message ${id}`);
    const found = row.caseId ? await this.cases.refAndPolicyById(this.db, row.caseId) : null;
    const owner = messageOwner(
      { casePolicyId: found?.policyId ?? null, envelope: row.envelope },
      this.library,
      this.mail.domain,
    );
    assertInScope(caller, owner, `message ${id}`);
    return { raw: row.raw, caseRef: found?.ref ?? null };
  }
}

/** A time a caller typed; a local one the clocks skip or repeat is a 400 naming why. */
function typedInstant(field: string, text: string, zone: string): Date {
  try {
    return readTypedInstant(text, zone);
  } catch (error) {
    if (!(error instanceof TypedTimeError)) throw error;
    throw ApiError.badRequest(`${field}: ${error.message}`, [{ field, message: error.message }]);
  }
}

/** A policy not in force, or not the caller's: the same 404, naming only the caller's. */
export function unknownPolicy(
  id: string,
  library: PolicyLibrary,
  caller?: Pick<Caller, 'policies'>,
): ApiError {
  const known = [...library.policies.keys()].filter((policy) => !caller || inScope(caller, policy));
  return ApiError.notFound(`policy "${id}" (the policies are ${known.join(', ') || 'none'})`);
}

function actorOf(caller: Caller): Actor {
  return { kind: 'admin', id: `api-key:${caller.label}`, verified: true };
}

function commandOf(body: CaseActionBody): Exclude<CaseCommand, RaiseCommand> {
  switch (body.action) {
    case 'resolve':
      return { kind: 'resolve', outcome: body.text, outstanding: body.outstanding ?? [] };
    case 'escalate':
      return { kind: 'escalate', reason: body.text, nextContacts: body.nextContacts ?? [] };
    case 'extend':
      return body.until !== undefined
        ? { kind: 'extend', until: body.until, reason: body.text }
        : { kind: 'extend', workingDays: body.workingDays ?? 0, reason: body.text };
    case 'reason':
      return { kind: 'reason', rationale: body.text };
    case 'note':
      return { kind: 'note', note: body.text };
    case 'withdraw':
      return { kind: 'withdraw', reason: body.text };
    case 'decision':
      return { kind: 'decision', decision: body.text };
    case 'add':
      return { kind: 'add', people: body.people, ...(body.text ? { note: body.text } : {}) };
    case 'agree':
      return body.text === undefined ? { kind: 'agree' } : { kind: 'agree', text: body.text };
    case 'learning':
      return {
        kind: 'learning',
        learning: body.text,
        ...(body.agency !== undefined ? { agency: body.agency } : {}),
      };
    case 'recommend':
      return { kind: 'recommend', recommendation: body.text, reason: body.reason };
  }
}

/**
 * A date the calendars do not cover (an import from before their first year, an extension
 * past their last) cannot be counted: the caller's to fix, not a fault of ours.
 */
function outsideCalendar(field: string) {
  return (error: unknown): never => {
    if (error instanceof OutsideCalendarError)
      throw ApiError.badRequest(`${field}: ${error.message}`, [{ field, message: error.message }]);
    throw error;
  };
}

/** A refused command is the caller's to fix (409), except a case that does not exist (404). */
function refused(refusal: Refusal): ApiError {
  if (refusal.code === 'no-case')
    return ApiError.notFound(refusal.message.replace(/^there is no /, ''));
  const status = [
    'bad-start-stage',
    'unknown-category',
    'unknown-calendar',
    'text-required',
    'bad-extension',
  ].includes(refusal.code)
    ? 400
    : 409;
  return new ApiError(status, refusal.code, refusal.message);
}
