// A service's categories of need. Waymark ships a default set (no organisation, `shipped`); a
// service gets its own copy, keeping each category's key, the first time it records anything
// against them, and from then on edits that copy. A category keeps its id for life, and every
// label it has had is kept in wellbeing_category_labels, so scores stay comparable and old
// measures can be read with the wording of their time.
import { sql } from 'kysely';
import type { Tx } from '../../../db/actor-context.js';
import { type Actor, userIdOf } from '../../../domain/roles.js';
import { slugify } from '../../../domain/organisations.js';

export interface Category {
  id: string;
  key: string;
  label: string;
  sortOrder: number;
  /** From the shipped default set (its copy keeps the flag). */
  shipped: boolean;
  retiredAt: Date | null;
}

/** A category as every list and change reads it. */
export const CATEGORY_COLUMNS = [
  'id',
  'key',
  'label',
  'sort_order as sortOrder',
  'shipped',
  'retired_at as retiredAt',
] as const;

function ownRows(tx: Tx, orgId: string) {
  return tx
    .selectFrom('wellbeing_categories')
    .select(CATEGORY_COLUMNS)
    .where('org_id', '=', orgId)
    .orderBy('sort_order')
    .orderBy('created_at')
    .execute();
}

/**
 * The categories a service uses: its own copy (`own`), or the shipped default set while it has
 * not used them yet. Reading never copies.
 */
export async function categoriesOf(
  tx: Tx,
  orgId: string,
): Promise<{ own: boolean; categories: Category[] }> {
  const own = await ownRows(tx, orgId);
  if (own.length > 0) return { own: true, categories: own };
  const shipped = await tx
    .selectFrom('wellbeing_categories')
    .select(CATEGORY_COLUMNS)
    .where('org_id', 'is', null)
    .where('shipped', '=', true)
    .where('retired_at', 'is', null)
    .orderBy('sort_order')
    .execute();
  return { own: false, categories: shipped };
}

/** The service's own categories, copying the shipped default set first if it has none. */
export async function ownCategories(tx: Tx, actor: Actor, orgId: string): Promise<Category[]> {
  const own = await ownRows(tx, orgId);
  if (own.length > 0) return own;
  // Two first uses at once: the second's copies meet the unique key and are skipped.
  const copied = await tx
    .insertInto('wellbeing_categories')
    .columns(['org_id', 'key', 'label', 'sort_order', 'shipped'])
    .expression((eb) =>
      eb
        .selectFrom('wellbeing_categories')
        .select([
          sql<string>`${orgId}::uuid`.as('org_id'),
          'key',
          'label',
          'sort_order',
          sql<boolean>`true`.as('shipped'),
        ])
        .where('org_id', 'is', null)
        .where('shipped', '=', true)
        .where('retired_at', 'is', null),
    )
    .onConflict((oc) =>
      oc
        .expression(sql`coalesce(org_id, '00000000-0000-0000-0000-000000000000'::uuid), key`)
        .doNothing(),
    )
    .returning(['id', 'label'])
    .execute();
  if (copied.length > 0) {
    await tx
      .insertInto('wellbeing_category_labels')
      .values(
        copied.map((c) => ({
          category_id: c.id,
          org_id: orgId,
          label: c.label,
          changed_by: userIdOf(actor),
        })),
      )
      .execute();
  }
  return ownRows(tx, orgId);
}

/** Every label each category has had, oldest first. */
export async function labelHistory(tx: Tx, categoryIds: readonly string[]) {
  if (categoryIds.length === 0) return new Map<string, { label: string; changedAt: Date }[]>();
  const rows = await tx
    .selectFrom('wellbeing_category_labels')
    .select(['category_id', 'label', 'changed_at'])
    .where('category_id', 'in', categoryIds)
    .orderBy('changed_at')
    .orderBy('id')
    .execute();
  const history = new Map<string, { label: string; changedAt: Date }[]>();
  for (const row of rows) {
    const list = history.get(row.category_id) ?? [];
    list.push({ label: row.label, changedAt: row.changed_at });
    history.set(row.category_id, list);
  }
  return history;
}

/** A key for a new category from its label ("Faith & belief" → "faith-belief"), unique. */
export function keyFor(label: string, taken: ReadonlySet<string>): string {
  const base = slugify(label).slice(0, 50).replace(/-+$/, '') || 'category';
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}-${n}`;
  return key;
}

export const isActive = (category: Category) => category.retiredAt === null;
