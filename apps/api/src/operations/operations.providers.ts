import { ServiceMetrics } from '@escalations/casework';
import type { Provider } from '@nestjs/common';
import type { Database } from '@escalations/db';
import type { PolicyLibrary } from '@escalations/domain';
import { HealthProbesController } from '../health/health-probes.controller';
import { MetricsController } from './metrics.controller';
import {
  DEFAULT_READY_MAX_INBOUND_AGE_SECONDS,
  OPERATIONS_SETTINGS,
  SERVICE_METRICS,
  type OperationsSettings,
} from './operations.tokens';

/** What the API is given for its metrics and probes (ApiDependencies has these too). */
export interface OperationsDependencies {
  /** the process's registry, shared with the mail role when one process runs both; else its own */
  metrics?: ServiceMetrics;
  /** METRICS_TOKEN */
  metricsToken?: string;
  /** READY_MAX_INBOUND_AGE_SECONDS (default 300) */
  readyMaxInboundAgeSeconds?: number;
}

export const OPERATIONS_CONTROLLERS = [MetricsController, HealthProbesController];

export function operationsProviders(
  deps: OperationsDependencies & { database: Database; library: PolicyLibrary; clock: () => Date },
): Provider[] {
  const metrics = deps.metrics ?? new ServiceMetrics();
  // the counts read on scrape come from the database this API was given (the first role's, in one process)
  metrics.observe({ database: deps.database, library: deps.library, clock: deps.clock });
  const settings: OperationsSettings = {
    readyMaxInboundAgeSeconds:
      deps.readyMaxInboundAgeSeconds ?? DEFAULT_READY_MAX_INBOUND_AGE_SECONDS,
    ...(deps.metricsToken ? { metricsToken: deps.metricsToken } : {}),
  };
  return [
    { provide: SERVICE_METRICS, useValue: metrics },
    { provide: OPERATIONS_SETTINGS, useValue: settings },
  ];
}
