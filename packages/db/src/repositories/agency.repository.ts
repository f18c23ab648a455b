import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { addressKey } from '@escalations/domain';
import type { Executor } from '../database';
import { agencies, agencyContacts } from '../schema';

export interface AgencyContactInput {
  email: string;
  name?: string | null;
  /** the stage at which they hold the agency's role */
  stage: number;
}

export interface AgencyInput {
  policyId: string;
  name: string;
  aliases: string[];
  /** one of the policy's agencyTypes keys, or null when not known */
  type: string | null;
  contacts: AgencyContactInput[];
}

export interface AgencyRecord extends AgencyInput {
  id: string;
  createdAt: Date;
}

/** The agencies of each partnership, their other names, their type and their contacts. */
export class AgencyRepository {
  async list(executor: Executor, policyIds?: readonly string[]): Promise<AgencyRecord[]> {
    if (policyIds && policyIds.length === 0) return [];
    const rows = await executor
      .select()
      .from(agencies)
      .where(policyIds ? inArray(agencies.policyId, [...policyIds]) : undefined)
      .orderBy(asc(agencies.policyId), asc(agencies.name));
    return this.withContacts(executor, rows);
  }

  async findById(executor: Executor, id: string): Promise<AgencyRecord | null> {
    const rows = await executor.select().from(agencies).where(eq(agencies.id, id));
    return (await this.withContacts(executor, rows))[0] ?? null;
  }

  async insert(executor: Executor, input: AgencyInput): Promise<string> {
    const [row] = await executor
      .insert(agencies)
      .values({
        policyId: input.policyId,
        name: input.name,
        aliases: input.aliases,
        type: input.type,
      })
      .returning({ id: agencies.id });
    await this.replaceContacts(executor, row!.id, input.contacts);
    return row!.id;
  }

  async update(executor: Executor, id: string, input: AgencyInput): Promise<void> {
    await executor
      .update(agencies)
      .set({ name: input.name, aliases: input.aliases, type: input.type })
      .where(eq(agencies.id, id));
    await this.replaceContacts(executor, id, input.contacts);
  }

  async delete(executor: Executor, id: string): Promise<boolean> {
    await executor.delete(agencyContacts).where(eq(agencyContacts.agencyId, id));
    const deleted = await executor
      .delete(agencies)
      .where(eq(agencies.id, id))
      .returning({ id: agencies.id });
    return deleted.length > 0;
  }

  /**
   * The directory's agency a form's words name: by its name or one of its aliases, ignoring
   * case and surrounding spaces; null when none does.
   */
  async findByAnyName(
    executor: Executor,
    policyId: string,
    words: string,
  ): Promise<{ name: string; type: string | null } | null> {
    return (await this.findByAnyNames(executor, policyId, [words])).get(words) ?? null;
  }

  /**
   * `findByAnyName` for several names in one statement: each name as written, with the
   * agency its name or an alias matches (case-insensitive), the first by name when several do.
   */
  async findByAnyNames(
    executor: Executor,
    policyId: string,
    names: readonly string[],
  ): Promise<Map<string, { name: string; type: string | null }>> {
    const found = await this.findByAnyNamesOfEach(executor, [{ policyId, names }]);
    return found.get(policyId) ?? new Map();
  }

  /**
   * `findByAnyNames` for several policies' names, in one statement; keyed by policy. A policy
   * may be named more than once: its names are taken together.
   */
  async findByAnyNamesOfEach(
    executor: Executor,
    wanted: readonly { policyId: string; names: readonly string[] }[],
  ): Promise<Map<string, Map<string, { name: string; type: string | null }>>> {
    const spelt = (words: string) => words.trim().toLowerCase();
    const all = [...new Set(wanted.flatMap(({ names }) => names.map(spelt)).filter(Boolean))];
    const found = new Map(
      wanted.map(({ policyId }) => [
        policyId,
        new Map<string, { name: string; type: string | null }>(),
      ]),
    );
    if (all.length === 0) return found;
    // every policy's names asked of every policy named, sorted out by policy below
    const rows = await executor
      .select({
        policyId: agencies.policyId,
        name: agencies.name,
        type: agencies.type,
        spellings: sql<string[]>`(select coalesce(jsonb_agg(lower(trim(alias))), '[]'::jsonb)
          from jsonb_array_elements_text(${agencies.aliases}) as alias) || jsonb_build_array(lower(${agencies.name}))`,
      })
      .from(agencies)
      .where(
        and(
          inArray(agencies.policyId, [...found.keys()]),
          sql`(lower(${agencies.name}) in ${all} or exists (
            select 1 from jsonb_array_elements_text(${agencies.aliases}) as alias
            where lower(trim(alias)) in ${all}))`,
        ),
      )
      .orderBy(asc(agencies.name));
    for (const { policyId, names } of wanted) {
      for (const words of names) {
        const row = rows.find(
          (candidate) =>
            candidate.policyId === policyId && candidate.spellings.includes(spelt(words)),
        );
        if (row) found.get(policyId)!.set(words, { name: row.name, type: row.type });
      }
    }
    return found;
  }

  /** The types of the named agencies of a policy (exact names, as cases carry them). */
  async typesOf(
    executor: Executor,
    policyId: string,
    names: readonly string[],
  ): Promise<Map<string, string>> {
    return (await this.typesOfEach(executor, [{ policyId, names }])).get(policyId) ?? new Map();
  }

  /**
   * `typesOf` for several policies' agencies, in one statement; keyed by policy, a policy
   * named more than once taken together. A policy's map may hold an agency asked for under
   * another policy too: the maps are read by the names asked.
   */
  async typesOfEach(
    executor: Executor,
    wanted: readonly { policyId: string; names: readonly string[] }[],
  ): Promise<Map<string, Map<string, string>>> {
    const typed = new Map(wanted.map(({ policyId }) => [policyId, new Map<string, string>()]));
    const names = [...new Set(wanted.flatMap((each) => each.names))];
    if (names.length === 0) return typed;
    const rows = await executor
      .select({ policyId: agencies.policyId, name: agencies.name, type: agencies.type })
      .from(agencies)
      .where(and(inArray(agencies.policyId, [...typed.keys()]), inArray(agencies.name, names)));
    for (const row of rows) if (row.type) typed.get(row.policyId)?.set(row.name, row.type);
    return typed;
  }

  private async replaceContacts(
    executor: Executor,
    agencyId: string,
    contacts: AgencyContactInput[],
  ) {
    await executor.delete(agencyContacts).where(eq(agencyContacts.agencyId, agencyId));
    const unique = new Map(
      contacts.map((contact) => [`${contact.stage} ${addressKey(contact.email)}`, contact]),
    );
    if (unique.size === 0) return;
    await executor.insert(agencyContacts).values(
      [...unique.values()].map((contact) => ({
        agencyId,
        stage: contact.stage,
        name: contact.name ?? null,
        email: addressKey(contact.email),
      })),
    );
  }

  private async withContacts(
    executor: Executor,
    rows: (typeof agencies.$inferSelect)[],
  ): Promise<AgencyRecord[]> {
    if (rows.length === 0) return [];
    const contacts = await executor
      .select()
      .from(agencyContacts)
      .where(
        inArray(
          agencyContacts.agencyId,
          rows.map((row) => row.id),
        ),
      )
      .orderBy(asc(agencyContacts.stage), asc(agencyContacts.email));
    return rows.map((row) => ({
      id: row.id,
      policyId: row.policyId,
      name: row.name,
      aliases: row.aliases,
      type: row.type,
      createdAt: row.createdAt,
      contacts: contacts
        .filter((contact) => contact.agencyId === row.id)
        .map((contact) => ({ email: contact.email, name: contact.name, stage: contact.stage })),
    }));
  }
}
