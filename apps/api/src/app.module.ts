import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { CaseErasure, Casework, InboundStore, type MailSettings } from '@escalations/casework';
import type { Database } from '@escalations/db';
import { createLogger, type Log } from '@escalations/db/log';
import type { ParticipantLimits, PolicyLibrary } from '@escalations/domain';
import { AccessLogController } from './access-log/access-log.controller';
import { ApiKeysController } from './api-keys/api-keys.controller';
import { ApiKeyGuard } from './auth/api-key.guard';
import { ApiKeyService } from './auth/api-key.service';
import { AccessLogFilter } from './access-log/access-log.filter';
import { AccessLogInterceptor } from './access-log/access-log.interceptor';
import { AccessLogService } from './access-log/access-log.service';
import { CaseDataRouteGuard } from './access-log/case-data-route.guard';
import { CasesCsvController } from './cases/cases-csv.controller';
import { CaseRecordsController } from './cases/case-records.controller';
import { CaseRecordsService } from './cases/case-records.service';
import { CasesCsvService } from './cases/cases-csv.service';
import { CasesController } from './cases/cases.controller';
import { CasesService } from './cases/cases.service';
import { ErrorFilter } from './common/error.filter';
import { WellFormedTextPipe } from './common/well-formed-text.pipe';
import {
  CLOCK,
  DATABASE,
  MAIL_SETTINGS,
  POLICIES_DIR,
  POLICY_LIBRARY,
  type Clock,
} from './common/tokens';
import { defaultPoliciesDir } from '@escalations/domain/files';
import { ScheduleModule } from '@nestjs/schedule';
import { DeadlineScheduler, SCHEDULER_INTERVAL } from './scheduler/deadline.scheduler';
import { DeadlineSweepService } from './scheduler/deadline-sweep.service';
import { CalendarChangesService } from './scheduler/calendar-changes.service';
import { SchedulerController } from './scheduler/scheduler.controller';
import { HealthController } from './health/health.controller';
import {
  OPERATIONS_CONTROLLERS,
  operationsProviders,
  type OperationsDependencies,
} from './operations/operations.providers';
import { InboundController } from './inbound/inbound.controller';
import { MessagesController } from './messages/messages.controller';
import {
  DEFAULT_MAX_MESSAGE_BYTES,
  INBOUND_MAX_BYTES,
  InboundService,
} from './inbound/inbound.service';
import { DocsController } from './openapi/docs.controller';
import { PoliciesController } from './policies/policies.controller';
import { CalendarsController } from './calendars/calendars.controller';
import { ReportsController } from './reports/reports.controller';
import { ReportsService } from './reports/reports.service';
import { ErasureController } from './erasure/erasure.controller';
import { CaseExportController } from './exports/case-export.controller';
import { CaseExportService } from './exports/case-export.service';
import { RetentionScheduler } from './scheduler/retention.scheduler';
import { AgenciesController } from './directory/agencies.controller';
import { AgenciesService } from './directory/agencies.service';
import { PartnershipContactsController } from './directory/partnership-contacts.controller';
import { LoggingModule } from './logging/logging.module';
import { CONSOLE_CONTROLLERS, CONSOLE_PROVIDERS } from './console/console.providers';

/** What the API is given from outside: opened, migrated and loaded before Nest starts. */
export interface ApiDependencies extends OperationsDependencies {
  database: Database;
  library: PolicyLibrary;
  clock: Clock;
  mail: MailSettings;
  /** seconds between deadline sweeps; 0 or absent: only on POST /scheduler/run */
  schedulerIntervalSeconds?: number;
  /** MAX_PARTICIPANTS_PER_MESSAGE and MAX_PARTICIPANTS_PER_CASE */
  participantLimits?: ParticipantLimits;
  /** MAX_MESSAGE_BYTES: the largest raw message POST /inbound takes (default 25 MB) */
  maxMessageBytes?: number;
  /** RETENTION_YEARS: years after closure personal data is kept, over every policy's own */
  retentionYears?: number;
  /** where `library` was read from (POLICIES_DIR); absent: the repository's policies/ */
  policiesDir?: string;
  /** the API's log; by default as LOG_LEVEL and LOG_FORMAT ask, on standard output */
  log?: Log;
}

@Module({})
export class ApiModule {
  static with(deps: ApiDependencies): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ScheduleModule.forRoot(),
        LoggingModule.with(deps.log ?? createLogger({ role: 'api' })),
      ],
      controllers: [
        HealthController,
        ...OPERATIONS_CONTROLLERS,
        DocsController,
        PoliciesController,
        CalendarsController,
        CasesController,
        CasesCsvController,
        CaseRecordsController,
        ReportsController,
        ApiKeysController,
        SchedulerController,
        InboundController,
        MessagesController,
        AccessLogController,
        ErasureController,
        CaseExportController,
        PartnershipContactsController,
        AgenciesController,
        ...CONSOLE_CONTROLLERS,
      ],
      providers: [
        { provide: DATABASE, useValue: deps.database },
        ...operationsProviders(deps),
        { provide: POLICY_LIBRARY, useValue: deps.library },
        { provide: CLOCK, useValue: deps.clock },
        { provide: MAIL_SETTINGS, useValue: deps.mail },
        { provide: POLICIES_DIR, useValue: deps.policiesDir ?? defaultPoliciesDir(__dirname) },
        { provide: SCHEDULER_INTERVAL, useValue: deps.schedulerIntervalSeconds ?? 0 },
        { provide: Casework, useValue: new Casework(deps) },
        { provide: InboundStore, useValue: new InboundStore(deps.database, deps.clock) },
        {
          provide: INBOUND_MAX_BYTES,
          useValue: deps.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES,
        },
        // before the key check, so a refused read of case data is still recorded
        { provide: APP_GUARD, useClass: CaseDataRouteGuard },
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: APP_FILTER, useClass: AccessLogFilter },
        ErrorFilter,
        { provide: APP_INTERCEPTOR, useClass: AccessLogInterceptor },
        { provide: APP_PIPE, useClass: WellFormedTextPipe },
        ApiKeyService,
        AccessLogService,
        CasesService,
        CasesCsvService,
        CaseRecordsService,
        ReportsService,
        DeadlineSweepService,
        CalendarChangesService,
        DeadlineScheduler,
        InboundService,
        { provide: CaseErasure, useValue: new CaseErasure(deps) },
        CaseExportService,
        RetentionScheduler,
        AgenciesService,
        ...CONSOLE_PROVIDERS,
      ],
      exports: [ApiKeyService, Casework],
    };
  }
}
