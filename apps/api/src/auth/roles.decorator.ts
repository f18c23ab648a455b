import { SetMetadata } from '@nestjs/common';
import type { ApiKeyRole } from '@escalations/db';

export const ROLES = 'roles';
export const PUBLIC = 'public';

/**
 * Who may call a route; routes without it are open to admin and auditor keys. An inbound
 * key (a mail provider's webhook) reaches only the routes that name its role.
 */
export const Roles = (...roles: ApiKeyRole[]) => SetMetadata(ROLES, roles);

/** The roles of a route that does not say: the people's keys, never the webhook's. */
export const DEFAULT_ROLES: readonly ApiKeyRole[] = ['admin', 'auditor'];

/** No key needed: health and the API's own documentation. */
export const Public = () => SetMetadata(PUBLIC, true);
