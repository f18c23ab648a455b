import { join, resolve } from 'node:path';
import type { DatabaseOptions } from '@escalations/db';
import { z } from 'zod';

const PORT = 'expected a port number from 0 to 65535 (0: any free port)';

/**
 * All configuration, read once from the environment at start-up and validated: a bad value
 * stops start-up naming the variable and what it expects. Nothing else reads process.env.
 */
export const AppConfigSchema = z.object({
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: 'expected postgres://user@host:port/database' })
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  API_HOST: z.string().min(1).default('127.0.0.1'),
  // Digits only: Number() would read " " as port 0 (a random port) and "0x50" as 80.
  API_PORT: z
    .string()
    .regex(/^\d{1,5}$/, PORT)
    .transform(Number)
    .refine((port) => port <= 65_535, PORT)
    .default(3000),
  ADMIN_API_KEY: z.string().min(32, 'an admin key must be at least 32 characters').optional(),
  POLICIES_DIR: z.string().min(1).optional(),
  MAIL_DOMAIN: z
    .string()
    .regex(
      /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i,
      'expected a domain such as escalations.example.org',
    )
    .default('escalations.localhost'),
  /** YAML: policy id → partnership role → addresses (see .env.example) */
  PARTNERSHIP_CONTACTS: z.string().min(1).optional(),
});
export type AppConfig = z.infer<typeof AppConfigSchema>;

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined>): AppConfig {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const result = AppConfigSchema.safeParse(present);
  if (!result.success) {
    throw new ConfigError(
      `configuration is not valid:\n${result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n')}`,
    );
  }
  return result.data;
}

/**
 * The one database every process of a deployment opens: the Postgres server of DATABASE_URL,
 * else PGlite under DATA_DIR (the API and the apikey command must agree on this).
 */
export function databaseOptionsOf(config: AppConfig): DatabaseOptions {
  return config.DATABASE_URL
    ? { url: config.DATABASE_URL }
    : { dataDir: join(resolve(config.DATA_DIR), 'pglite') };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
