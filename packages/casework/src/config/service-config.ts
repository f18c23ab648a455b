import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import type { DatabaseOptions } from '@escalations/db';
import { LOG_FORMATS, LOG_LEVELS } from '@escalations/db/log';
import { addressKey, type ParticipantLimits } from '@escalations/domain';
import { z } from 'zod';

const PORT = 'expected a port number from 0 to 65535 (0: any free port)';
// Digits only: Number() would read " " as port 0 (a random port) and "0x50" as 80.
const port = (fallback: number) =>
  z
    .string()
    .regex(/^\d{1,5}$/, PORT)
    .transform(Number)
    .refine((value) => value <= 65_535, PORT)
    .default(fallback);
const bytes = (fallback: number) => z.coerce.number().int().min(1024).default(fallback);
const domain = z
  .string()
  .regex(
    /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i,
    'expected a domain such as escalations.example.org',
  );

/**
 * All configuration of every role (API, scheduler, mail), read once from the environment at
 * start-up and validated: a bad value stops start-up naming the variable and what it
 * expects. Nothing else reads process.env. `.env.example` lists every variable.
 */
export const ServiceConfigSchema = z.object({
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: 'expected postgres://user@host:port/database' })
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  POLICIES_DIR: z.string().min(1).optional(),

  API_HOST: z.string().min(1).default('127.0.0.1'),
  API_PORT: port(3000),
  ADMIN_API_KEY: z.string().min(32, 'an admin key must be at least 32 characters').optional(),

  MAIL_DOMAIN: domain.default('escalations.localhost'),
  /** other addresses that reach a policy's mailbox: `address=policy,address=policy` */
  MAIL_ALIASES: z
    .string()
    .regex(
      /^[^=,\s]+@[^=,\s]+=[a-z-]+(,[^=,\s]+@[^=,\s]+=[a-z-]+)*$/i,
      'expected address=policy pairs separated by commas',
    )
    .optional(),
  /** YAML: policy id → partnership role → addresses */
  PARTNERSHIP_CONTACTS: z.string().min(1).optional(),

  SMTP_HOST: z.string().min(1).default('127.0.0.1'),
  SMTP_PORT: port(2525),
  /** PEM files: when both are set, the intake offers STARTTLS */
  SMTP_TLS_KEY: z.string().min(1).optional(),
  SMTP_TLS_CERT: z.string().min(1).optional(),
  /** when set, the intake requires AUTH with these credentials */
  SMTP_AUTH_USER: z.string().min(1).optional(),
  SMTP_AUTH_PASS: z.string().min(8, 'at least 8 characters').optional(),
  MAX_MESSAGE_BYTES: bytes(25 * 1024 * 1024),
  MAX_ATTACHMENT_BYTES: bytes(10 * 1024 * 1024),

  /** outgoing mail: smtp:// or smtps:// (credentials in the URL); unset: .eml files under DATA_DIR/outbox */
  SMTP_URL: z
    .url({ protocol: /^smtps?$/, error: 'expected smtp://user:pass@host:port or smtps://...' })
    .optional(),
  /** a hosted mailbox to poll: imap://user:pass@host:port/INBOX or imaps://... */
  IMAP_URL: z
    .url({
      protocol: /^imaps?$/,
      error: 'expected imap://user:pass@host:port/INBOX or imaps://...',
    })
    .optional(),
  /** the authserv-id of the receiving server whose Authentication-Results are trusted (IMAP, webhook) */
  TRUSTED_AUTHSERV_ID: z.string().min(1).optional(),
  IMAP_POLL_SECONDS: z.coerce.number().int().min(5).default(30),
  /**
   * This mail instance's stable identity, named on the leases it holds: restarted, it takes
   * back its predecessor's at once. By default the host and the role; two instances on one
   * host need their own.
   */
  WORKER_ID: z.string().trim().min(1).max(200).optional(),
  /** resolvers for SPF, DKIM and DMARC lookups: `ip` or `ip:port`, comma-separated; unset: the system's */
  DNS_SERVERS: z
    .string()
    .refine(
      (value) => value.split(',').every((server) => isIP(withoutPort(server.trim())) !== 0),
      'expected IP addresses (with :port if not 53), comma-separated',
    )
    .optional(),
  /** how long one DNS lookup may take before the check counts as not made */
  DNS_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  SENDER_CHECKS: z
    .enum(['relaxed', 'strict'], { error: 'expected relaxed or strict' })
    .default('relaxed'),
  ANSWERS_PER_SENDER_PER_HOUR: z.coerce.number().int().min(0).default(5),
  PROCESSOR_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(5),
  /** how many people one message may put on a case (Cc, Manager, Next contact lines...) */
  MAX_PARTICIPANTS_PER_MESSAGE: z.coerce.number().int().min(2).default(20),
  /** how many people a case may have */
  MAX_PARTICIPANTS_PER_CASE: z.coerce.number().int().min(3).default(50),

  SCHEDULER_INTERVAL_SECONDS: z.coerce.number().int().min(5).default(60),

  /** read again by each role's logger (`createLogger`); checked here so a bad one stops start-up */
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `expected one of ${LOG_LEVELS.join(', ')}` }).optional(),
  /** json, one object a line; pretty, for a person; unset: pretty on a terminal, else json */
  LOG_FORMAT: z.enum(LOG_FORMATS, { error: 'expected pretty or json' }).optional(),

  /** when set, every /metrics asks for it as a bearer token; unset, the API serves no /metrics */
  METRICS_TOKEN: z.string().min(32, 'a metrics token must be at least 32 characters').optional(),
  /** the mail role's own small HTTP port: /metrics, /health/live, /health/ready */
  MAIL_METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  MAIL_METRICS_PORT: port(9464),
  /** a role is not ready while an inbound message has waited longer than this to be processed */
  READY_MAX_INBOUND_AGE_SECONDS: z.coerce.number().int().min(1).default(300),
  /**
   * Years after closure a case keeps its personal data, for every policy: the deployment's
   * decision over each policy's `retention` (6 years where a policy says nothing).
   */
  RETENTION_YEARS: z.coerce.number().int().min(1).max(100).optional(),
});
export type ServiceConfig = z.infer<typeof ServiceConfigSchema>;

/** `10.0.0.2:53` → `10.0.0.2`, `[::1]:53` → `::1`, `::1` as it is. */
function withoutPort(server: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(server);
  if (bracketed) return bracketed[1]!;
  const v4 = /^([\d.]+)(?::\d{1,5})?$/.exec(server);
  return v4 ? v4[1]! : server;
}

export class ConfigError extends Error {}

export function loadServiceConfig(env: Record<string, string | undefined>): ServiceConfig {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const result = ServiceConfigSchema.safeParse(present);
  if (!result.success) {
    throw new ConfigError(
      `configuration is not valid:\n${result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n')}`,
    );
  }
  if (Boolean(result.data.SMTP_TLS_KEY) !== Boolean(result.data.SMTP_TLS_CERT)) {
    throw new ConfigError(
      'configuration is not valid:\n  SMTP_TLS_KEY, SMTP_TLS_CERT: set both or neither',
    );
  }
  if (Boolean(result.data.SMTP_AUTH_USER) !== Boolean(result.data.SMTP_AUTH_PASS)) {
    throw new ConfigError(
      'configuration is not valid:\n  SMTP_AUTH_USER, SMTP_AUTH_PASS: set both or neither',
    );
  }
  return result.data;
}

/** The caps on a case's participants, as casework passes them to the state machine. */
export function participantLimitsOf(config: ServiceConfig): ParticipantLimits {
  return {
    perMessage: config.MAX_PARTICIPANTS_PER_MESSAGE,
    perCase: config.MAX_PARTICIPANTS_PER_CASE,
  };
}

/** `MAIL_ALIASES` as a map of address → policy. */
export function mailAliases(config: ServiceConfig): Record<string, string> {
  return Object.fromEntries(
    (config.MAIL_ALIASES ?? '')
      .split(',')
      .filter(Boolean)
      .map((pair) => {
        const [address, policy] = pair.split('=');
        return [addressKey(address!), policy!];
      }),
  );
}

/**
 * The one database every process of a deployment opens: the Postgres server of DATABASE_URL,
 * else PGlite under DATA_DIR (every role and command must agree on this).
 */
export function databaseOptionsOf(config: ServiceConfig): DatabaseOptions {
  return config.DATABASE_URL
    ? { url: config.DATABASE_URL }
    : { dataDir: join(resolve(config.DATA_DIR), 'pglite') };
}
