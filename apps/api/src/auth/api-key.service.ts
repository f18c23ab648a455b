import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { ApiKeyRepository, type ApiKeyRole, type Database } from '@escalations/db';
import { ApiError } from '../common/api-error';
import { CLOCK, DATABASE, type Clock } from '../common/tokens';
import { isUuid } from '../common/uuid';
import { generateApiKey, hashApiKey, prefixOf } from './api-key';
import type { Caller } from './authenticated-request';
import { EVERY_POLICY, isOperator, withinScope } from './scope';

const TOUCH_INTERVAL_MS = 60_000;

@Injectable()
export class ApiKeyService {
  private readonly keys = new ApiKeyRepository();
  /** when each key's last use was written, so a busy key is not written on every request */
  private readonly touched = new Map<string, number>();

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * A new key: the only time it is ever shown. `policies` is its scope (`['*']`, the default, the
   * operator's); `by`, when an API caller makes it: a partnership's admin makes only auditor
   * keys within its own scope, the operator anything.
   */
  async create(
    role: ApiKeyRole,
    label: string,
    policies: readonly string[] = [EVERY_POLICY],
    by?: Caller,
  ) {
    if (by && !isOperator(by)) {
      if (role !== 'auditor')
        throw new ApiError(
          HttpStatus.FORBIDDEN,
          'forbidden',
          `a key scoped to ${by.policies.join(', ')} may create auditor keys only; ${role} keys are the operator's (*)`,
        );
      if (!withinScope(by, policies))
        throw new ApiError(
          HttpStatus.FORBIDDEN,
          'forbidden',
          `a key scoped to ${by.policies.join(', ')} may create keys within that scope only, not ${policies.join(', ')}`,
        );
    }
    const key = generateApiKey();
    const row = await this.keys.insert(this.db, {
      role,
      label,
      policies: scopeOf(policies),
      prefix: prefixOf(key),
      hash: hashApiKey(key),
    });
    return { ...this.describe(row), key };
  }

  /** Make sure a key given in configuration exists as an admin key. */
  async ensureAdmin(key: string, label: string): Promise<void> {
    await this.keys.ensure(this.db, {
      role: 'admin',
      label,
      policies: [EVERY_POLICY],
      prefix: prefixOf(key),
      hash: hashApiKey(key),
    });
  }

  /** Auditor keys made before the first start (`npm run apikey`) do not stand in for an admin. */
  async hasActiveAdminKey(): Promise<boolean> {
    return (await this.keys.countActive(this.db, 'admin')) > 0;
  }

  async verify(key: string): Promise<Caller | null> {
    const row = await this.keys.findActiveByHash(this.db, hashApiKey(key));
    if (!row) return null;
    const now = this.clock();
    if (now.getTime() - (this.touched.get(row.id) ?? 0) > TOUCH_INTERVAL_MS) {
      this.touched.set(row.id, now.getTime());
      await this.keys.touch(this.db, row.id, now);
    }
    return { keyId: row.id, label: row.label, role: row.role, policies: row.policies };
  }

  /** Every key for the operator; a partnership's admin sees the keys within its scope. */
  async list(by?: Caller) {
    return (await this.keys.list(this.db))
      .filter((row) => !by || withinScope(by, row.policies))
      .map((row) => this.describe(row));
  }

  /**
   * Revoke a key; the last active admin key cannot be revoked, or nobody could manage keys.
   * A partnership's admin revokes only keys within its scope: any other is not found.
   */
  async revoke(id: string, by?: Caller) {
    // Not a key id at all: Postgres would refuse the query rather than find nothing.
    const row = isUuid(id) ? await this.keys.findById(this.db, id) : null;
    if (!row || row.revokedAt || (by && !withinScope(by, row.policies)))
      throw ApiError.notFound(`an active API key with id ${id}`);
    if (row.role === 'admin' && (await this.keys.countActive(this.db, 'admin')) <= 1) {
      throw ApiError.conflict(
        'last-admin-key',
        'this is the last active admin key: create another admin key first',
      );
    }
    const revoked = await this.keys.revoke(this.db, id, this.clock());
    return this.describe(revoked ?? row);
  }

  private describe(row: {
    id: string;
    label: string;
    role: ApiKeyRole;
    policies: string[];
    prefix: string;
    createdAt: Date;
    lastUsedAt: Date | null;
    revokedAt: Date | null;
  }) {
    return {
      id: row.id,
      label: row.label,
      role: row.role,
      policies: row.policies,
      prefix: row.prefix,
      createdAt: row.createdAt.toISOString(),
      lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
      revokedAt: row.revokedAt?.toISOString() ?? null,
    };
  }
}

/** `*` stands alone: a key is the operator's or one or more partnerships'. */
function scopeOf(policies: readonly string[]): string[] {
  return policies.includes(EVERY_POLICY) ? [EVERY_POLICY] : [...new Set(policies)].sort();
}
