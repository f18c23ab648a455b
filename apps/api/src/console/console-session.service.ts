import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ConsoleSessionRepository, type Database } from '@escalations/db';
import { ApiKeyService } from '../auth/api-key.service';
import type { Caller } from '../auth/authenticated-request';
import { CLOCK, DATABASE, type Clock } from '../common/tokens';

/** A session ends after 8 hours without a request, and 7 days after sign-in whatever happens. */
export const SESSION_IDLE_MS = 8 * 3_600_000;
export const SESSION_MAX_MS = 7 * 86_400_000;
/** how stale `last_seen_at` may get before a request writes it again */
const TOUCH_INTERVAL_MS = 60_000;

export interface ConsoleSession {
  /** the secret in the cookie */
  token: string;
  caller: Caller;
  /** the token every form of this session carries */
  csrf: string;
}

/**
 * Sign-in by API key: the key is checked once, as the API checks it, and the console keeps a
 * session in the database. The key's role and scope are read again on every request, so a
 * revoked key signs its sessions out.
 */
@Injectable()
export class ConsoleSessionService {
  private readonly sessions = new ConsoleSessionRepository();

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly keys: ApiKeyService,
  ) {}

  /** A new session for a valid admin or auditor key; null for anything else. */
  async signIn(key: string): Promise<ConsoleSession | null> {
    const caller = await this.keys.verify(key.trim());
    // a mail provider's webhook key is for POST /inbound only
    if (!caller || caller.role === 'inbound') return null;
    const now = this.clock();
    await this.sessions.deleteExpired(
      this.db,
      new Date(now.getTime() - SESSION_IDLE_MS),
      new Date(now.getTime() - SESSION_MAX_MS),
    );
    const token = randomBytes(32).toString('base64url');
    await this.sessions.insert(this.db, hashOf(token), caller.keyId, now);
    return { token, caller, csrf: csrfTokenOf(token) };
  }

  /** The session a cookie names, while it has not ended and its key is active. */
  async resume(token: string | undefined): Promise<ConsoleSession | null> {
    if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
    const row = await this.sessions.findWithActiveKey(this.db, hashOf(token));
    if (!row) return null;
    const now = this.clock().getTime();
    if (
      now - row.lastSeenAt.getTime() > SESSION_IDLE_MS ||
      now - row.createdAt.getTime() > SESSION_MAX_MS
    ) {
      await this.sessions.delete(this.db, hashOf(token));
      return null;
    }
    if (now - row.lastSeenAt.getTime() > TOUCH_INTERVAL_MS)
      await this.sessions.touch(this.db, hashOf(token), new Date(now));
    return {
      token,
      caller: {
        keyId: row.key.id,
        label: row.key.label,
        role: row.key.role,
        policies: row.key.policies,
      },
      csrf: csrfTokenOf(token),
    };
  }

  async signOut(token: string): Promise<void> {
    await this.sessions.delete(this.db, hashOf(token));
  }
}

function hashOf(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * Derived from the session's secret, which no other site can read: a form posted from
 * elsewhere cannot carry it. Kept out of the database, since the secret itself is not kept.
 */
export function csrfTokenOf(token: string): string {
  return createHash('sha256').update(`csrf\0${token}`, 'utf8').digest('base64url');
}

/** Compared in constant time, so timing does not tell how much of a guess was right. */
export function sameToken(expected: string, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
