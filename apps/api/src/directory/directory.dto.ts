import { z } from 'zod';

const text = (what: string, max = 200) =>
  z
    .string({ error: `${what} is required` })
    .trim()
    .min(1, `${what} must not be empty`)
    .max(max, `${what}: at most ${max} characters`);
const address = z
  .string()
  .trim()
  .pipe(z.email({ error: 'expected an email address' }))
  .transform((value) => value.toLowerCase());

/**
 * PUT /policies/:id/contacts: each partnership role (its key in the policy's
 * `partnershipRoles`) and the addresses that hold it. Roles left out go back to
 * PARTNERSHIP_CONTACTS; an empty list means the role has no address.
 */
export const PartnershipContactsBodySchema = z.record(
  z.string(),
  z.array(address).max(20, 'at most 20 addresses a role'),
);
export type PartnershipContactsBody = z.infer<typeof PartnershipContactsBodySchema>;

const AgencyContactSchema = z.strictObject({
  email: address,
  name: text('name').optional(),
  /** the stage at which they hold their agency's role; 1 by default */
  stage: z.number().int().min(1).default(1),
});

const agencyFields = {
  name: text('name'),
  /** other names the escalation form may use for it (`RLH`, `Barts Health`) */
  aliases: z.array(text('alias')).max(50),
  /** one of the policy's agencyTypes keys; null: not known */
  type: z.string().trim().min(1).nullable(),
  contacts: z.array(AgencyContactSchema).max(200),
};

/** POST /agencies */
export const CreateAgencyBodySchema = z.strictObject({
  policy: text('policy'),
  name: agencyFields.name,
  aliases: agencyFields.aliases.default([]),
  type: agencyFields.type.default(null),
  contacts: agencyFields.contacts.default([]),
});
export type CreateAgencyBody = z.infer<typeof CreateAgencyBodySchema>;

/** PATCH /agencies/:id: the fields given replace the agency's (contacts as a whole list). */
export const UpdateAgencyBodySchema = z.strictObject({
  name: agencyFields.name.optional(),
  aliases: agencyFields.aliases.optional(),
  type: agencyFields.type.optional(),
  contacts: agencyFields.contacts.optional(),
});
export type UpdateAgencyBody = z.infer<typeof UpdateAgencyBodySchema>;

/** GET /agencies */
export const AgencyListQuerySchema = z.strictObject({
  policy: z.string().trim().min(1).optional(),
});
export type AgencyListQuery = z.infer<typeof AgencyListQuerySchema>;
