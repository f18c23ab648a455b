import type { AnswerMailer, Casework, MailSettings, ServiceMetrics } from '@escalations/casework';
import type { Database, LeaseHolder } from '@escalations/db';
import type { Log } from '@escalations/db/log';
import type { PolicyLibrary } from '@escalations/domain';
import type { MailboxRoutes, SenderCheckMode } from '@escalations/email';
import type { CommandConfirmation } from '../command-confirmation';
import type { SenderCheckOptions } from '../sender-checks';

export interface ProcessorOptions {
  routes: MailboxRoutes;
  senderChecks: SenderCheckMode;
  senderCheckOptions: SenderCheckOptions;
  maxAttempts: number;
  maxAttachmentBytes: number;
  answersPerHour: number;
  /** how long one processor holds a message before another may take it over */
  leaseSeconds?: number;
  /** whose leases these are: a restarted worker takes back its dead predecessor's at once */
  leaseHolder?: LeaseHolder;
  /** inbound messages by kind and outcome, and the time each took */
  metrics?: ServiceMetrics;
  log?: Log;
}

export interface ProcessorDependencies {
  database: Database;
  library: PolicyLibrary;
  casework: Casework;
  mail: MailSettings;
  clock: () => Date;
}

/** What every step of the pipeline may use: the service's parts, set up once. */
export interface PipelineContext extends ProcessorDependencies {
  options: ProcessorOptions;
  answers: AnswerMailer;
  confirmation: CommandConfirmation;
}
