export * from './metrics-token';
export * from './readiness';
export * from './service-metrics';
