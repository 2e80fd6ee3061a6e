// A service manager's categories of need: relabel one (each label kept, with who and when), add
// one, retire one (no longer offered for new measures, still shown for old ones) or bring it
// back. The first change makes the service's own copy of the shipped default set.
import type { Kysely } from 'kysely';
import { withActor, type Tx } from '../../../db/actor-context.js';
import type { DB } from '../../../db/schema.js';
import { isUuid } from '../../../domain/ids.js';
import { type Actor, userIdOf } from '../../../domain/roles.js';
import { recordAudit } from '../../../platform/audit.js';
import { authorize } from '../../../platform/authorize.js';
import type { Clock } from '../../../platform/clock.js';
import { AppError, notFound, validationFailed } from '../../../platform/errors.js';
import { parseInput } from '../../../platform/forms.js';
import {
  CATEGORY_COLUMNS,
  categoriesOf,
  isActive,
  keyFor,
  labelHistory,
  ownCategories,
  type Category,
} from './categories.js';
import { categoryLabelSchema } from './schemas.js';

const E = 'measures.wellbeing.errors';

function parseLabel(input: unknown): string {
  return parseInput(categoryLabelSchema, input).label;
}

function requireUniqueLabel(categories: readonly Category[], label: string, except?: string) {
  const clash = categories.find(
    (c) => c.id !== except && isActive(c) && c.label.toLowerCase() === label.toLowerCase(),
  );
  if (clash) throw validationFailed([{ field: 'label', key: `${E}.labelTaken` }]);
}

export function categorySettings({ db, clock }: { db: Kysely<DB>; clock: Clock }) {
  const orgOf = (actor: Actor) => {
    if (!actor.orgId) throw notFound();
    return actor.orgId;
  };

  async function managing<T>(
    actor: Actor,
    action: string,
    work: (tx: Tx, orgId: string) => Promise<T>,
  ) {
    await authorize(db, actor, 'manage_service', action);
    const orgId = orgOf(actor);
    return withActor(db, actor, (tx) => work(tx, orgId));
  }

  /** The service's own category for an id from the settings page (a shipped one before a copy). */
  async function ownCategory(tx: Tx, actor: Actor, orgId: string, id: string) {
    if (!isUuid(id)) throw notFound();
    const own = await ownCategories(tx, actor, orgId);
    const found = own.find((c) => c.id === id);
    if (found) return { own, category: found };
    const shipped = await tx
      .selectFrom('wellbeing_categories')
      .select('key')
      .where('id', '=', id)
      .where('org_id', 'is', null)
      .executeTakeFirst();
    const copy = shipped && own.find((c) => c.key === shipped.key);
    if (!copy) throw notFound();
    return { own, category: copy };
  }

  async function audit(tx: Tx, actor: Actor, action: string, category: Category) {
    await recordAudit(tx, actor, {
      action: `wellbeing_category.${action}`,
      entityType: 'wellbeing_category',
      entityId: category.id,
      details: { key: category.key },
    });
  }

  async function setRetired(actor: Actor, id: string, retire: boolean) {
    return managing(
      actor,
      `wellbeing_category.${retire ? 'retired' : 'reinstated'}`,
      async (tx, orgId) => {
        const { own, category } = await ownCategory(tx, actor, orgId, id);
        if (retire && isActive(category) && own.filter(isActive).length === 1)
          throw new AppError('conflict', `${E}.lastActive`);
        if (!retire) requireUniqueLabel(own, category.label, category.id);
        await tx
          .updateTable('wellbeing_categories')
          .set({ retired_at: retire ? (category.retiredAt ?? clock.now()) : null })
          .where('id', '=', category.id)
          .execute();
        await audit(tx, actor, retire ? 'retired' : 'reinstated', category);
        return category;
      },
    );
  }

  return {
    /** The categories, each with its earlier labels; `own` false while the default set is untouched. */
    async categories(actor: Actor) {
      return managing(actor, 'wellbeing_category.listed', async (tx, orgId) => {
        const { own, categories } = await categoriesOf(tx, orgId);
        const history = await labelHistory(tx, own ? categories.map((c) => c.id) : []);
        return {
          own,
          categories: categories.map((c) => ({
            ...c,
            earlierLabels: (history.get(c.id) ?? [])
              .map((h) => h.label)
              .filter((l) => l !== c.label),
          })),
        };
      });
    },

    async category(actor: Actor, id: string) {
      return managing(actor, 'wellbeing_category.viewed', async (tx, orgId) => {
        if (!isUuid(id)) throw notFound();
        const { categories } = await categoriesOf(tx, orgId);
        const category = categories.find((c) => c.id === id);
        if (!category) throw notFound();
        const history = await labelHistory(tx, [category.id]);
        return { category, history: history.get(category.id) ?? [] };
      });
    },

    async addCategory(actor: Actor, input: unknown) {
      const label = parseLabel(input);
      return managing(actor, 'wellbeing_category.added', async (tx, orgId) => {
        const own = await ownCategories(tx, actor, orgId);
        requireUniqueLabel(own, label);
        const key = keyFor(label, new Set(own.map((c) => c.key)));
        const created = await tx
          .insertInto('wellbeing_categories')
          .values({
            org_id: orgId,
            key,
            label,
            sort_order: Math.max(0, ...own.map((c) => c.sortOrder)) + 1,
            shipped: false,
          })
          .returning(CATEGORY_COLUMNS)
          .executeTakeFirstOrThrow();
        await tx
          .insertInto('wellbeing_category_labels')
          .values({
            category_id: created.id,
            org_id: orgId,
            label,
            changed_by: userIdOf(actor),
          })
          .execute();
        await audit(tx, actor, 'added', created);
        return created;
      });
    },

    /** A new label; the old one stays in the history, and scores keep pointing at the category. */
    async relabelCategory(actor: Actor, id: string, input: unknown) {
      const label = parseLabel(input);
      return managing(actor, 'wellbeing_category.relabelled', async (tx, orgId) => {
        const { own, category } = await ownCategory(tx, actor, orgId, id);
        if (category.label === label) return category;
        requireUniqueLabel(own, label, category.id);
        await tx
          .updateTable('wellbeing_categories')
          .set({ label })
          .where('id', '=', category.id)
          .execute();
        await tx
          .insertInto('wellbeing_category_labels')
          .values({
            category_id: category.id,
            org_id: orgId,
            label,
            changed_by: userIdOf(actor),
          })
          .execute();
        await audit(tx, actor, 'relabelled', category);
        return { ...category, label };
      });
    },

    retireCategory: (actor: Actor, id: string) => setRetired(actor, id, true),
    reinstateCategory: (actor: Actor, id: string) => setRetired(actor, id, false),
  };
}
