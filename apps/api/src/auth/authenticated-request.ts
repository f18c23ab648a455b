import type { ApiKeyRole } from '@escalations/db';
import type { Request } from 'express';

export interface Caller {
  keyId: string;
  label: string;
  role: ApiKeyRole;
  /** the partnerships (policy ids) the key may see, or `['*']` for the operator: see scope.ts */
  policies: readonly string[];
}

export type AuthenticatedRequest = Request & { caller: Caller };
