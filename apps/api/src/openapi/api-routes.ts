import type { ApiKeyRole } from '@escalations/db';
import type { z } from 'zod';
import { AccessLogQuerySchema } from '../access-log/access-log.dto';
import { CreateApiKeyBodySchema } from '../api-keys/api-keys.dto';
import { CaseActionBodySchema, CaseListQuerySchema, OpenCaseBodySchema } from '../cases/cases.dto';
import { InboundQuerySchema } from '../inbound/inbound.dto';
import { MessageListQuerySchema } from '../messages/messages.dto';
import { WorkingDaysQuerySchema } from '../calendars/calendars.dto';
import { PreviewBodySchema } from '../policies/policies.dto';
import {
  AgencyListQuerySchema,
  CreateAgencyBodySchema,
  PartnershipContactsBodySchema,
  UpdateAgencyBodySchema,
} from '../directory/directory.dto';
import { ErasureBodySchema } from '../erasure/erasure.dto';
import { ReportQuerySchemas } from '../reports/reports.dto';
import { AccessLogSchema } from '../access-log/access-log.responses';
import {
  ApiKeyListSchema,
  ApiKeySchema,
  CreatedApiKeySchema,
} from '../api-keys/api-keys.responses';
import { CalendarReloadSchema, WorkingDaysSchema } from '../calendars/calendars.responses';
import {
  CaseDetailSchema,
  CaseEventsSchema,
  CaseListSchema,
  CaseMessagesSchema,
  CaseViewSchema,
  ChronologySchema,
} from '../cases/cases.responses';
import {
  AgencyDeletedSchema,
  AgencyListSchema,
  AgencySchema,
  PartnershipContactsSchema,
} from '../directory/directory.responses';
import { ErasureSchema } from '../erasure/erasure.responses';
import { HealthSchema, LiveSchema, ReadinessSchema } from '../health/health.responses';
import { RAW_MESSAGE_TYPES } from '../inbound/inbound.dto';
import { StoredMessageSchema } from '../inbound/inbound.responses';
import { MessageListSchema } from '../messages/messages.responses';
import { PolicyListSchema, PolicyViewSchema, PreviewSchema } from '../policies/policies.responses';
import {
  AnnualReportSchema,
  LearningReportSchema,
  TimelinessReportSchema,
} from '../reports/reports.responses';
import { SweepReportSchema } from '../scheduler/scheduler.responses';

export interface ApiRoute {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  /** unique across the API: the name a generated client gives the call */
  operationId: string;
  /** the resource it belongs to, as the document groups them */
  tag: ApiTag;
  summary: string;
  /** the status of a successful answer; 200 unless given */
  status?: 200 | 201 | 202;
  /** the JSON a successful answer carries; absent where it is a file (`produces`) */
  response?: z.ZodType;
  /** what may go wrong besides a bad request (400) and, for keyed routes, 401 and 403 */
  errors?: (404 | 409 | 413 | 415 | 503)[];
  /** who may call it; absent: no key needed */
  roles?: ApiKeyRole[];
  /** no API key, but METRICS_TOKEN as the bearer (Prometheus) */
  metricsToken?: true;
  body?: z.ZodType;
  query?: z.ZodType;
  produces?: string;
  /** a body that is not JSON (POST /inbound's raw message): its content types */
  rawBody?: readonly string[];
}

export const API_TAGS = [
  'Health',
  'Policies',
  'Directory',
  'Calendars',
  'Cases',
  'Records',
  'Messages',
  'Access log',
  'Reports',
  'API keys',
  'Scheduler',
  'Inbound',
] as const;
export type ApiTag = (typeof API_TAGS)[number];

const anyKey: ApiRoute['roles'] = ['admin', 'auditor'];

/**
 * Every route of the API, with the zod schemas its pipes validate against: the OpenAPI
 * document is built from these, so the documentation and the validation cannot drift (a
 * test checks this list against the routes the application actually serves).
 */
export const API_ROUTES: ApiRoute[] = [
  {
    method: 'get',
    path: '/health',
    operationId: 'health',
    tag: 'Health',
    response: HealthSchema,
    errors: [503],
    summary:
      'The summary: up when the database answers; partnership roles without an address; degraded from 12 months before a calendar in use runs out',
  },
  {
    method: 'get',
    path: '/health/live',
    operationId: 'live',
    tag: 'Health',
    response: LiveSchema,
    summary:
      'The liveness probe: the process answers (nothing else, so a slow database never gets it restarted)',
  },
  {
    method: 'get',
    path: '/health/ready',
    operationId: 'ready',
    tag: 'Health',
    response: ReadinessSchema,
    errors: [503],
    summary:
      'The readiness probe: the database answers, the migrations are current and no inbound message has waited longer than READY_MAX_INBOUND_AGE_SECONDS; a 503 says what is wrong (details: the same fields)',
  },
  {
    method: 'get',
    path: '/metrics',
    operationId: 'metrics',
    tag: 'Health',
    metricsToken: true,
    produces: 'text/plain',
    errors: [404],
    summary:
      'Prometheus metrics in the text exposition format; served only with METRICS_TOKEN set (404 without), and only to a request carrying it as the bearer (401)',
  },
  {
    method: 'get',
    path: '/api/v1/policies',
    operationId: 'listPolicies',
    tag: 'Policies',
    response: PolicyListSchema,
    summary: 'The policies in force, with stages, timescales and their sources',
    roles: anyKey,
  },
  {
    method: 'get',
    path: '/api/v1/policies/{id}',
    operationId: 'getPolicy',
    tag: 'Policies',
    response: PolicyViewSchema,
    errors: [404],
    summary: 'One policy',
    roles: anyKey,
  },
  {
    method: 'post',
    path: '/api/v1/policies/{id}/preview',
    operationId: 'previewDeadlines',
    tag: 'Policies',
    response: PreviewSchema,
    errors: [404],
    summary: "Every stage's deadline if each ran to its limit",
    roles: anyKey,
    body: PreviewBodySchema,
  },
  {
    method: 'get',
    path: '/api/v1/policies/{id}/contacts',
    operationId: 'getPartnershipContacts',
    tag: 'Directory',
    response: PartnershipContactsSchema,
    errors: [404],
    summary:
      "Who holds each partnership role (breach notices, forms, digests go to them): each role's addresses and where they come from (directory, PARTNERSHIP_CONTACTS, or none)",
    roles: anyKey,
  },
  {
    method: 'put',
    path: '/api/v1/policies/{id}/contacts',
    operationId: 'replacePartnershipContacts',
    tag: 'Directory',
    response: PartnershipContactsSchema,
    errors: [404],
    summary:
      "Replace the partnership's directory: role key → addresses, each role one of the policy's partnershipRoles; an empty list: no address; a role left out goes back to PARTNERSHIP_CONTACTS",
    roles: ['admin'],
    body: PartnershipContactsBodySchema,
  },
  {
    method: 'get',
    path: '/api/v1/agencies',
    operationId: 'listAgencies',
    tag: 'Directory',
    response: AgencyListSchema,
    errors: [404],
    summary:
      "The partnerships' agencies: name, aliases, type (one of the policy's agencyTypes) and the safeguarding contacts who may act on their cases",
    roles: anyKey,
    query: AgencyListQuerySchema,
  },
  {
    method: 'post',
    path: '/api/v1/agencies',
    operationId: 'createAgency',
    tag: 'Directory',
    status: 201,
    response: AgencySchema,
    errors: [404],
    summary:
      "Add an agency to a policy's directory; the escalation form's agency names are matched to its name and aliases (any case) when a case is raised",
    roles: ['admin'],
    body: CreateAgencyBodySchema,
  },
  {
    method: 'patch',
    path: '/api/v1/agencies/{id}',
    operationId: 'updateAgency',
    tag: 'Directory',
    response: AgencySchema,
    errors: [404],
    summary: 'Change an agency: the fields given replace its own (contacts as a whole list)',
    roles: ['admin'],
    body: UpdateAgencyBodySchema,
  },
  {
    method: 'delete',
    path: '/api/v1/agencies/{id}',
    operationId: 'deleteAgency',
    tag: 'Directory',
    response: AgencyDeletedSchema,
    errors: [404],
    summary: 'Remove an agency from the directory (cases keep the name they carry)',
    roles: ['admin'],
  },
  {
    method: 'get',
    path: '/api/v1/calendars/{id}/working-days',
    operationId: 'listWorkingDays',
    tag: 'Calendars',
    response: WorkingDaysSchema,
    errors: [404],
    summary: 'Working days and holidays between two dates',
    roles: anyKey,
    query: WorkingDaysQuerySchema,
  },
  {
    method: 'post',
    path: '/api/v1/calendars/{id}/reload',
    operationId: 'reloadCalendar',
    tag: 'Calendars',
    response: CalendarReloadSchema,
    errors: [404],
    summary:
      'Read the calendar file again (after an import or an added closure day) and count again the open stages not yet due',
    roles: ['admin'],
  },
  {
    method: 'get',
    path: '/api/v1/cases',
    operationId: 'listCases',
    tag: 'Cases',
    response: CaseListSchema,
    summary: 'Cases, newest first or in the order sort names, with filters and a cursor',
    roles: anyKey,
    query: CaseListQuerySchema,
  },
  {
    method: 'post',
    path: '/api/v1/cases',
    operationId: 'openCase',
    tag: 'Cases',
    status: 201,
    response: CaseViewSchema,
    errors: [404, 409],
    summary: 'Open a case; raisedAt in the past imports an earlier escalation',
    roles: ['admin'],
    body: OpenCaseBodySchema,
  },
  {
    method: 'get',
    path: '/api/v1/cases.csv',
    operationId: 'exportCasesCsv',
    tag: 'Cases',
    summary: 'The case list as CSV, same filters, streamed',
    roles: anyKey,
    query: CaseListQuerySchema.omit({ cursor: true, limit: true, sort: true }),
    produces: 'text/csv',
  },
  {
    method: 'get',
    path: '/api/v1/cases/{ref}',
    operationId: 'getCase',
    tag: 'Cases',
    response: CaseDetailSchema,
    errors: [404],
    summary: 'A case: parties and stages with their deadlines, extensions and breaches',
    roles: anyKey,
  },
  {
    method: 'get',
    path: '/api/v1/cases/{ref}/events',
    operationId: 'listCaseEvents',
    tag: 'Cases',
    response: CaseEventsSchema,
    errors: [404],
    summary: 'The audit trail, oldest first, append-only',
    roles: anyKey,
  },
  {
    method: 'post',
    path: '/api/v1/cases/{ref}/actions',
    operationId: 'actOnCase',
    tag: 'Cases',
    response: CaseViewSchema,
    errors: [404, 409],
    summary: 'The reply commands, for administrators',
    roles: ['admin'],
    body: CaseActionBodySchema,
  },
  {
    method: 'get',
    path: '/api/v1/cases/{ref}/messages',
    operationId: 'listCaseMessages',
    tag: 'Cases',
    response: CaseMessagesSchema,
    errors: [404],
    summary: 'The emails in and out of a case',
    roles: anyKey,
  },
  {
    method: 'get',
    path: '/api/v1/cases/{ref}/export.zip',
    operationId: 'exportCase',
    tag: 'Records',
    errors: [404],
    summary:
      'Everything held on a case, for a subject access request: case.json, events.json, chronology.json and .pdf, the record forms as PDFs, and every message as .eml',
    roles: ['admin'],
    produces: 'application/zip',
  },
  {
    method: 'post',
    path: '/api/v1/cases/{ref}/erasure',
    operationId: 'eraseCase',
    tag: 'Records',
    response: ErasureSchema,
    errors: [404, 409],
    summary:
      'Erase the personal data of a case ({reason}): names, addresses, free text, raw messages and attachments become "[erased <date>]", the skeleton stays for reports; recorded as an event; 409 if already erased. The daily job does the same past each policy\'s retention',
    roles: ['admin'],
    body: ErasureBodySchema,
  },
  {
    method: 'get',
    path: '/api/v1/cases/{ref}/chronology',
    operationId: 'getChronology',
    tag: 'Records',
    response: ChronologySchema,
    errors: [404],
    summary:
      'The case in date order, as safeguarding chronologies are kept: when, who, what, the stage and its due date, extensions, breaches and rationales, every message in and out (from, to, subject, kind; the text of commands), forms completed',
    roles: anyKey,
  },
  {
    method: 'get',
    path: '/api/v1/cases/{ref}/chronology.pdf',
    operationId: 'getChronologyPdf',
    tag: 'Records',
    errors: [404],
    summary: 'The chronology as a PDF',
    roles: anyKey,
    produces: 'application/pdf',
  },
  {
    method: 'get',
    path: '/api/v1/cases/{ref}/records/{formId}.pdf',
    operationId: 'getRecordFormPdf',
    tag: 'Records',
    errors: [404],
    summary:
      "One of the policy's record forms, filled from the case and from FORM replies, as a PDF laid out as the partnership's form (its ID the case reference)",
    roles: anyKey,
    produces: 'application/pdf',
  },
  {
    method: 'get',
    path: '/api/v1/messages',
    operationId: 'listMessages',
    tag: 'Messages',
    response: MessageListSchema,
    errors: [404],
    summary:
      "Inbound messages, oldest first, by status, kind, policy and the days they arrived (from, to): status=set-aside lists those set aside after their last attempt, kind=unrecognised the mail that made no case (id, receivedAt, status, kind, attempts, error, caseRef, policy); a partnership's key sees its own mail only",
    roles: anyKey,
    query: MessageListQuerySchema,
  },
  {
    method: 'get',
    path: '/api/v1/access-log',
    operationId: 'listAccessLog',
    tag: 'Access log',
    response: AccessLogSchema,
    errors: [404],
    summary:
      "Who read what, newest first, by days (from, to), key and case: each read's key label, route, status, time and the cases it held; a partnership's key sees its own keys' reads and reads of its cases",
    roles: anyKey,
    query: AccessLogQuerySchema,
  },
  {
    method: 'get',
    path: '/api/v1/messages/{id}/raw',
    operationId: 'getRawMessage',
    tag: 'Messages',
    errors: [404],
    summary: 'A message exactly as received or sent',
    roles: anyKey,
    produces: 'message/rfc822',
  },
  {
    method: 'get',
    path: '/api/v1/reports/timeliness',
    operationId: 'timelinessReport',
    tag: 'Reports',
    response: TimelinessReportSchema,
    errors: [404],
    summary:
      'Per stage: entered, resolved at, breached, median working days; on-time rate; by category and agency',
    roles: anyKey,
    query: ReportQuerySchemas.timeliness,
  },
  {
    method: 'get',
    path: '/api/v1/reports/annual',
    operationId: 'annualReport',
    tag: 'Reports',
    response: AnnualReportSchema,
    errors: [404],
    summary: "The cases that reached the final stage, and the year's figures",
    roles: anyKey,
    query: ReportQuerySchemas.annual,
  },
  {
    method: 'get',
    path: '/api/v1/reports/learning',
    operationId: 'learningReport',
    tag: 'Reports',
    response: LearningReportSchema,
    errors: [404],
    summary:
      'The learning participants sent (LEARNING) between from and to, each with its case, category and agency, grouped by category and by agency; logged as a read of those cases',
    roles: anyKey,
    query: ReportQuerySchemas.learning,
  },
  {
    method: 'post',
    path: '/api/v1/api-keys',
    operationId: 'createApiKey',
    tag: 'API keys',
    status: 201,
    response: CreatedApiKeySchema,
    summary:
      'Create a key; it is shown once. policies: the partnerships it may see, or ["*"] for the operator (default: the creating key\'s); a partnership\'s admin creates auditor keys within its own scope only',
    roles: ['admin'],
    body: CreateApiKeyBodySchema,
  },
  {
    method: 'get',
    path: '/api/v1/api-keys',
    operationId: 'listApiKeys',
    tag: 'API keys',
    response: ApiKeyListSchema,
    summary:
      "The keys, without their secrets: every key for the operator's admin, a partnership's admin those within its scope",
    roles: ['admin'],
  },
  {
    method: 'delete',
    path: '/api/v1/api-keys/{id}',
    operationId: 'revokeApiKey',
    tag: 'API keys',
    response: ApiKeySchema,
    errors: [404, 409],
    summary: 'Revoke a key',
    roles: ['admin'],
  },
  {
    method: 'post',
    path: '/api/v1/scheduler/run',
    operationId: 'runScheduler',
    tag: 'Scheduler',
    response: SweepReportSchema,
    summary:
      'One deadline sweep now: reminders, breaches, overall limits, weekly digests; returns what it did',
    roles: ['admin'],
  },
  {
    method: 'post',
    path: '/api/v1/inbound',
    operationId: 'receiveMessage',
    tag: 'Inbound',
    status: 202,
    response: StoredMessageSchema,
    errors: [413, 415],
    summary:
      'A raw message (body: the MIME as received, Content-Type message/rfc822, text/plain or application/octet-stream) from a mail provider: stored before the answer, 202 {id, duplicate}. Takes an inbound key only',
    roles: ['inbound'],
    query: InboundQuerySchema,
    rawBody: RAW_MESSAGE_TYPES,
  },
];
