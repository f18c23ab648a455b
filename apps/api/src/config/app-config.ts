/**
 * The API reads the one service configuration every role shares (packages/casework): one
 * validated, typed object built once at start-up.
 */
export {
  ServiceConfigSchema as AppConfigSchema,
  loadServiceConfig as loadConfig,
  ConfigError,
  databaseOptionsOf,
  type ServiceConfig as AppConfig,
} from '@escalations/casework';
