import { API_KEY_ROLES } from '@escalations/db';
import { z } from 'zod';

export const CreateApiKeyBodySchema = z.strictObject({
  role: z.enum(API_KEY_ROLES, { error: `role must be one of ${API_KEY_ROLES.join(', ')}` }),
  // The string's own error is only for a missing label: every other check needs its own words.
  label: z
    .string({ error: 'label is required' })
    .trim()
    .min(1, 'label must not be empty')
    .max(100, 'label must be at most 100 characters'),
});
export type CreateApiKeyBody = z.infer<typeof CreateApiKeyBodySchema>;
