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
  /**
   * The partnerships (policy ids) the key may see, or ["*"] for the service operator; when
   * absent, the scope of the key that creates it.
   */
  policies: z
    .array(
      z
        .string()
        .regex(
          /^(\*|[a-z][a-z0-9]*(-[a-z0-9]+)*)$/,
          'each policy is a policy id (e.g. nel) or * for every policy',
        ),
      { error: 'policies must be a list of policy ids, or ["*"]' },
    )
    .min(1, 'policies must name at least one policy, or *')
    .max(200)
    .optional(),
});
export type CreateApiKeyBody = z.infer<typeof CreateApiKeyBodySchema>;
