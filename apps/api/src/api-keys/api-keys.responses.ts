import { API_KEY_ROLES } from '@escalations/db';
import { z } from 'zod';

/** A key without its secret. */
export const ApiKeySchema = z
  .looseObject({
    id: z.uuid(),
    label: z.string(),
    role: z.enum(API_KEY_ROLES),
    policies: z
      .array(z.string())
      .meta({ description: 'the partnerships it may see, or ["*"] for the operator' }),
    prefix: z.string().meta({ description: 'the first characters of the key, to tell it apart' }),
    createdAt: z.iso.datetime(),
    lastUsedAt: z.iso.datetime().nullable(),
    revokedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'ApiKey' });

export const ApiKeyListSchema = z.array(ApiKeySchema);

/** The new key: its secret shown this once, only its hash kept. */
export const CreatedApiKeySchema = ApiKeySchema.extend({ key: z.string() }).meta({
  id: 'CreatedApiKey',
});
