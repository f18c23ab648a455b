import { SetMetadata } from '@nestjs/common';
import type { ApiKeyRole } from '@escalations/db';

export const ROLES = 'roles';
export const PUBLIC = 'public';

/** Who may call a route; routes without it are open to every valid key (admin and auditor). */
export const Roles = (...roles: ApiKeyRole[]) => SetMetadata(ROLES, roles);

/** No key needed: health and the API's own documentation. */
export const Public = () => SetMetadata(PUBLIC, true);
