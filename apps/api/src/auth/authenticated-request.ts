import type { ApiKeyRole } from '@escalations/db';
import type { Request } from 'express';

export interface Caller {
  keyId: string;
  label: string;
  role: ApiKeyRole;
}

export type AuthenticatedRequest = Request & { caller: Caller };
