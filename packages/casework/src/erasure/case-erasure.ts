import { ErasureRepository, EventRepository, type Database } from '@escalations/db';
import type { PolicyFile, PolicyLibrary } from '@escalations/domain';

export interface CaseErasureDependencies {
  database: Database;
  library: PolicyLibrary;
  clock: () => Date;
  /** RETENTION_YEARS: the deployment's period for every policy, over the policies' own */
  retentionYears?: number;
}

export type ErasureResult =
  | { ok: true; ref: string; erasedAt: string }
  | { ok: false; code: 'no-case' | 'already-erased' | 'open' };

/** The marker that replaces personal data: it says what happened and when, nothing more. */
export function erasureMarker(now: Date): string {
  return `[erased ${now.toISOString().slice(0, 10)}]`;
}

/**
 * Storage limitation (UK GDPR): a case's personal data is replaced by a marker, its skeleton
 * (policy, stages, dates, categories, agencies, timings) kept so reports still count it, and
 * the erasure recorded as an event of its own, all in one transaction.
 */
export class CaseErasure {
  private readonly erasures = new ErasureRepository();
  private readonly events = new EventRepository();

  constructor(private readonly deps: CaseErasureDependencies) {}

  /** Years after closure a policy's cases keep personal data in this deployment. */
  retentionYears(policy: PolicyFile): number {
    return this.deps.retentionYears ?? policy.retention.years;
  }

  /** `mayErase`: whether the caller may act on the case's policy; if not, it is no case to them. */
  async erase(
    ref: string,
    reason: string,
    by: string,
    mayErase: (policyId: string) => boolean = () => true,
  ): Promise<ErasureResult> {
    const now = this.deps.clock();
    return this.deps.database.transaction(async (tx) => {
      const found = await this.erasures.lockByRef(tx, ref);
      if (!found || !mayErase(found.policyId)) return { ok: false, code: 'no-case' } as const;
      if (found.erasedAt) return { ok: false, code: 'already-erased' } as const;
      // An open case still mails its participants and takes their replies: close it first.
      if (!found.closedAt) return { ok: false, code: 'open' } as const;
      await this.erasures.erase(tx, found.id, erasureMarker(now));
      await this.events.append(tx, found.id, [
        {
          type: 'personal-data-erased',
          at: now.toISOString(),
          stage: found.currentStage,
          actor: by,
          verified: true,
          data: { reason, erasedAt: now.toISOString() },
        },
      ]);
      return { ok: true, ref: found.ref, erasedAt: now.toISOString() } as const;
    });
  }

  /**
   * The daily job: every closed case past its policy's retention period, oldest first, each
   * in its own transaction so one failure holds up no other. Returns the references erased.
   */
  async eraseExpired(batch = 500): Promise<string[]> {
    const now = this.deps.clock();
    const erased: string[] = [];
    for (const policy of this.deps.library.policies.values()) {
      const years = this.retentionYears(policy);
      const closedBefore = new Date(now);
      closedBefore.setUTCFullYear(closedBefore.getUTCFullYear() - years);
      const due = await this.erasures.dueForErasure(
        this.deps.database,
        policy.id,
        closedBefore,
        batch,
      );
      for (const found of due) {
        const result = await this.erase(
          found.ref,
          `retention: ${years} years after closure (${policy.id})`,
          'scheduler',
        );
        if (result.ok) erased.push(result.ref);
      }
    }
    return erased;
  }
}
