import { pgEnum } from 'drizzle-orm/pg-core';
import {
  CASE_SIDES,
  CASE_STATUSES,
  PARTICIPANT_ROLES,
  RISK_LEVELS,
  STAGE_ENTRIES,
  STAGE_OUTCOMES,
} from '@escalations/domain';

/** The domain's unions, once, as Postgres enums. */
export const caseStatus = pgEnum('case_status', CASE_STATUSES);
export const riskLevel = pgEnum('risk_level', RISK_LEVELS);
export const participantRole = pgEnum('participant_role', PARTICIPANT_ROLES);
export const caseSide = pgEnum('case_side', CASE_SIDES);
export const stageEntry = pgEnum('stage_entry', STAGE_ENTRIES);
export const stageOutcome = pgEnum('stage_outcome', STAGE_OUTCOMES);

/** admin: everything; auditor: reads; inbound: a mail provider's webhook posting raw mail, nothing else */
export const API_KEY_ROLES = ['admin', 'auditor', 'inbound'] as const;
export type ApiKeyRole = (typeof API_KEY_ROLES)[number];
export const apiKeyRole = pgEnum('api_key_role', API_KEY_ROLES);

export const MESSAGE_DIRECTIONS = ['inbound', 'outbound'] as const;
export const messageDirection = pgEnum('message_direction', MESSAGE_DIRECTIONS);
