import { z } from 'zod';

export const AgencySchema = z
  .looseObject({
    id: z.uuid(),
    policy: z.string(),
    name: z.string(),
    aliases: z.array(z.string()),
    type: z.string().nullable(),
    typeLabel: z.string().nullable().meta({ description: "the policy's words for the type" }),
    contacts: z.array(
      z.looseObject({ email: z.string(), name: z.string().optional(), stage: z.number().int() }),
    ),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Agency' });

export const AgencyListSchema = z.array(AgencySchema);

export const AgencyDeletedSchema = z
  .looseObject({ id: z.uuid(), deleted: z.literal(true) })
  .meta({ id: 'AgencyDeleted' });

/** Every partnership role of the policy, its addresses and where they come from. */
export const PartnershipContactsSchema = z
  .looseObject({
    policy: z.string(),
    roles: z.array(
      z.looseObject({
        role: z.string(),
        title: z.string(),
        addresses: z.array(z.string()),
        from: z.enum(['directory', 'PARTNERSHIP_CONTACTS', 'none']),
      }),
    ),
  })
  .meta({ id: 'PartnershipContacts' });
