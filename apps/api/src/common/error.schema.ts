import { z } from 'zod';

/**
 * The one error shape of the API (ApiError, ErrorFilter): every 4xx and 5xx answer, a bad
 * field named in `details`.
 */
export const ErrorResponseSchema = z
  .strictObject({
    error: z.strictObject({
      code: z.string().min(1),
      message: z.string(),
      details: z
        .unknown()
        .optional()
        .meta({ description: 'for a 400: [{ field, message }] for each bad field' }),
    }),
  })
  .meta({ id: 'Error' });
