/** The process's ServiceMetrics (packages/casework): the API and the scheduler record onto it. */
export const SERVICE_METRICS = Symbol('SERVICE_METRICS');
/** OperationsSettings, from the service configuration. */
export const OPERATIONS_SETTINGS = Symbol('OPERATIONS_SETTINGS');

export interface OperationsSettings {
  /** METRICS_TOKEN: /metrics asks for it as a bearer; absent, the API serves no /metrics */
  metricsToken?: string;
  /** READY_MAX_INBOUND_AGE_SECONDS */
  readyMaxInboundAgeSeconds: number;
}

/** READY_MAX_INBOUND_AGE_SECONDS's default, as the service configuration has it. */
export const DEFAULT_READY_MAX_INBOUND_AGE_SECONDS = 300;
export type { ServiceMetrics } from '@escalations/casework';
