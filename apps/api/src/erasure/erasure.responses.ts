import { z } from 'zod';

export const ErasureSchema = z
  .looseObject({ ref: z.string(), erasedAt: z.iso.datetime() })
  .meta({ id: 'Erasure' });
