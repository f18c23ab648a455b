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

export interface ApiRoute {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  summary: string;
  /** who may call it; absent: no key needed */
  roles?: ApiKeyRole[];
  body?: z.ZodType;
  query?: z.ZodType;
  produces?: string;
}

const anyKey: ApiRoute['roles'] = ['admin', 'auditor'];

/**
 * Every route of the API, with the zod schemas its pipes validate against: the OpenAPI
 * document is built from these, so the documentation and the validation cannot drift (a
 * test checks this list against the routes the application actually serves).
 */
export const API_ROUTES: ApiRoute[] = [
  { method: 'get', path: '/health', summary: 'Up when the database answers' },
  {
    method: 'get',
    path: '/api/v1/policies',
    summary: 'The policies in force, with stages, timescales and their sources',
    roles: anyKey,
  },
  { method: 'get', path: '/api/v1/policies/{id}', summary: 'One policy', roles: anyKey },
  {
    method: 'post',
    path: '/api/v1/policies/{id}/preview',
    summary: "Every stage's deadline if each ran to its limit",
    roles: anyKey,
    body: PreviewBodySchema,
  },
  {
    method: 'get',
    path: '/api/v1/policies/{id}/contacts',
    summary:
      "Who holds each partnership role (breach notices, forms, digests go to them): each role's addresses and where they come from (directory, PARTNERSHIP_CONTACTS, or none)",
    roles: anyKey,
  },
  {
    method: 'put',
    path: '/api/v1/policies/{id}/contacts',
    summary:
      "Replace the partnership's directory: role key → addresses, each role one of the policy's partnershipRoles; an empty list: no address; a role left out goes back to PARTNERSHIP_CONTACTS",
    roles: ['admin'],
    body: PartnershipContactsBodySchema,
  },
  {
    method: 'get',
    path: '/api/v1/agencies',
    summary:
      "The partnerships' agencies: name, aliases, type (one of the policy's agencyTypes) and the safeguarding contacts who may act on their cases",
    roles: anyKey,
    query: AgencyListQuerySchema,
  },
  {
    method: 'post',
    path: '/api/v1/agencies',
    summary:
      "Add an agency to a policy's directory; the escalation form's agency names are matched to its name and aliases (any case) when a case is raised",
    roles: ['admin'],
    body: CreateAgencyBodySchema,
  },
  {
    method: 'patch',
    path: '/api/v1/agencies/{id}',
    summary: 'Change an agency: the fields given replace its own (contacts as a whole list)',
    roles: ['admin'],
    body: UpdateAgencyBodySchema,
  },
  {
    method: 'delete',
    path: '/api/v1/agencies/{id}',
    summary: 'Remove an agency from the directory (cases keep the name they carry)',
    roles: ['admin'],
  },
  {
    method: 'get',
    path: '/api/v1/calendars/{id}/working-days',
    summary: 'Working days and holidays between two dates',
    roles: anyKey,
    query: WorkingDaysQuerySchema,
  },
  {
    method: 'post',
    path: '/api/v1/calendars/{id}/reload',
    summary:
      'Read the calendar file again (after an import or an added closure day) and count again the open stages not yet due',
    roles: ['admin'],
  },
  {
    method: 'get',
    path: '/api/v1/cases',
    summary: 'Cases, newest first, with filters and a cursor',
    roles: anyKey,
    query: CaseListQuerySchema,
  },
  {
    method: 'post',
    path: '/api/v1/cases',
    summary: 'Open a case; raisedAt in the past imports an earlier escalation',
    roles: ['admin'],
    body: OpenCaseBodySchema,
  },
  {
    method: 'get',
    path: '/api/v1/cases.csv',
    summary: 'The case list as CSV, same filters, streamed',
    roles: anyKey,
    query: CaseListQuerySchema.omit({ cursor: true, limit: true }),
    produces: 'text/csv',
  },
  {
    method: 'get',
    path: '/api/v1/cases/{ref}',
    summary: 'A case: parties and stages with their deadlines, extensions and breaches',
    roles: anyKey,
  },
  {
    method: 'get',
    path: '/api/v1/cases/{ref}/events',
    summary: 'The audit trail, oldest first, append-only',
    roles: anyKey,
  },
  {
    method: 'post',
    path: '/api/v1/cases/{ref}/actions',
    summary: 'The reply commands, for administrators',
    roles: ['admin'],
    body: CaseActionBodySchema,
  },
  {
    method: 'get',
    path: '/api/v1/cases/{ref}/messages',
    summary: 'The emails in and out of a case',
    roles: anyKey,
  },
  {
    method: 'get',
    path: '/api/v1/cases/{ref}/export.zip',
    summary:
      'Everything held on a case, for a subject access request: case.json, events.json, chronology.json and .pdf, the record forms as PDFs, and every message as .eml',
    roles: ['admin'],
    produces: 'application/zip',
  },
  {
    method: 'post',
    path: '/api/v1/cases/{ref}/erasure',
    summary:
      'Erase the personal data of a case ({reason}): names, addresses, free text, raw messages and attachments become "[erased <date>]", the skeleton stays for reports; recorded as an event; 409 if already erased. The daily job does the same past each policy\'s retention',
    roles: ['admin'],
    body: ErasureBodySchema,
  },
  {
    method: 'get',
    path: '/api/v1/cases/{ref}/chronology',
    summary:
      'The case in date order, as safeguarding chronologies are kept: when, who, what, the stage and its due date, extensions, breaches and rationales, every message in and out (from, to, subject, kind; the text of commands), forms completed',
    roles: anyKey,
  },
  {
    method: 'get',
    path: '/api/v1/cases/{ref}/chronology.pdf',
    summary: 'The chronology as a PDF',
    roles: anyKey,
    produces: 'application/pdf',
  },
  {
    method: 'get',
    path: '/api/v1/cases/{ref}/records/{formId}.pdf',
    summary:
      "One of the policy's record forms, filled from the case and from FORM replies, as a PDF laid out as the partnership's form (its ID the case reference)",
    roles: anyKey,
    produces: 'application/pdf',
  },
  {
    method: 'get',
    path: '/api/v1/messages',
    summary:
      "Inbound messages, oldest first, by status, kind, policy and the days they arrived (from, to): status=set-aside lists those set aside after their last attempt, kind=unrecognised the mail that made no case (id, receivedAt, status, kind, attempts, error, caseRef, policy); a partnership's key sees its own mail only",
    roles: anyKey,
    query: MessageListQuerySchema,
  },
  {
    method: 'get',
    path: '/api/v1/access-log',
    summary:
      "Who read what, newest first, by days (from, to), key and case: each read's key label, route, status, time and the cases it held; a partnership's key sees its own keys' reads and reads of its cases",
    roles: anyKey,
    query: AccessLogQuerySchema,
  },
  {
    method: 'get',
    path: '/api/v1/messages/{id}/raw',
    summary: 'A message exactly as received or sent',
    roles: anyKey,
    produces: 'message/rfc822',
  },
  {
    method: 'get',
    path: '/api/v1/reports/timeliness',
    summary:
      'Per stage: entered, resolved at, breached, median working days; on-time rate; by category and agency',
    roles: anyKey,
    query: ReportQuerySchemas.timeliness,
  },
  {
    method: 'get',
    path: '/api/v1/reports/annual',
    summary: "The cases that reached the final stage, and the year's figures",
    roles: anyKey,
    query: ReportQuerySchemas.annual,
  },
  {
    method: 'get',
    path: '/api/v1/reports/learning',
    summary:
      'The learning participants sent (LEARNING) between from and to, each with its case, category and agency, grouped by category and by agency; logged as a read of those cases',
    roles: anyKey,
    query: ReportQuerySchemas.learning,
  },
  {
    method: 'post',
    path: '/api/v1/api-keys',
    summary:
      'Create a key; it is shown once. policies: the partnerships it may see, or ["*"] for the operator (default: the creating key\'s); a partnership\'s admin creates auditor keys within its own scope only',
    roles: ['admin'],
    body: CreateApiKeyBodySchema,
  },
  {
    method: 'get',
    path: '/api/v1/api-keys',
    summary:
      "The keys, without their secrets: every key for the operator's admin, a partnership's admin those within its scope",
    roles: ['admin'],
  },
  { method: 'delete', path: '/api/v1/api-keys/{id}', summary: 'Revoke a key', roles: ['admin'] },
  {
    method: 'post',
    path: '/api/v1/scheduler/run',
    summary:
      'One deadline sweep now: reminders, breaches, overall limits, weekly digests; returns what it did',
    roles: ['admin'],
  },
  {
    method: 'post',
    path: '/api/v1/inbound',
    summary:
      'A raw message (body: the MIME as received, Content-Type message/rfc822, text/plain or application/octet-stream) from a mail provider: stored before the answer, 202 {id, duplicate}. Takes an inbound key only',
    roles: ['inbound'],
    query: InboundQuerySchema,
    produces: 'application/json',
  },
];
