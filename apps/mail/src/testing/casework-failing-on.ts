import {
  Casework,
  type AlsoForEachOpened,
  type CaseworkDependencies,
  type CaseworkResult,
  type CommandOrigin,
  type OpenCaseInput,
  type OpenItem,
  type OpenOutcome,
} from '@escalations/casework';
import type { Actor } from '@escalations/domain';

/**
 * Casework that throws `error` opening any case whose name holds `poison`, as a bug or an
 * unavailable store would: how the specs show one failing message never holds up the rest.
 */
export class CaseworkFailingOn extends Casework {
  constructor(
    deps: CaseworkDependencies,
    private readonly poison: string,
    private readonly error: string,
  ) {
    super(deps);
  }

  override async open(
    input: OpenCaseInput,
    actor: Actor,
    origin?: CommandOrigin,
  ): Promise<CaseworkResult> {
    if (input.caseName.includes(this.poison)) throw new Error(this.error);
    return super.open(input, actor, origin);
  }

  /** A poisoned case fails its batch, which casework then opens case by case. */
  override async openEach(
    items: readonly OpenItem[],
    alsoInTransaction?: AlsoForEachOpened,
  ): Promise<OpenOutcome[]> {
    if (!items.some(({ input }) => input.caseName.includes(this.poison)))
      return super.openEach(items, alsoInTransaction);
    return this.openEachAlone(items, alsoInTransaction);
  }
}
