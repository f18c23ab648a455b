import { z } from 'zod';

/**
 * An email address as the service accepts one from a person: a dot-atom local part and a
 * domain of at least two labels ending in a letter. Deliberately narrower than RFC 5322
 * (no quoted local parts, no IP literals, no bare host names): every address here is
 * someone we will write to, and a typo such as `jane@nhs` should come back as a problem
 * rather than bounce later.
 */
export const EMAIL_ADDRESS =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/** RFC 5321's limits: 64 characters before the @, 254 in all. */
export const MAX_LOCAL_PART = 64;
export const MAX_ADDRESS = 254;

export const PersonSchema = z.object({
  name: z.string().trim().min(1).optional(),
  /** the domain lower-cased; the local part as written, since only its server may fold it */
  email: z
    .email({ pattern: EMAIL_ADDRESS })
    .max(MAX_ADDRESS)
    .refine((email) => email.indexOf('@') <= MAX_LOCAL_PART, 'the part before @ is too long')
    .refine(
      (email) => email === email.replace(/@.*$/, (domain) => domain.toLowerCase()),
      'expected a lower-case domain',
    ),
});
export type Person = z.infer<typeof PersonSchema>;
