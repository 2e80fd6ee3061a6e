import type { Kysely } from 'kysely';
import { withActor, type Tx } from '../../db/actor-context.js';
import type { DB } from '../../db/schema.js';
import { standing } from '../../domain/administration.js';
import { slugify } from '../../domain/organisations.js';
import { isUuid } from '../../domain/ids.js';
import type { Actor } from '../../domain/roles.js';
import { recordAudit } from '../../platform/audit.js';
import { authorize } from '../../platform/authorize.js';
import { notFound, validationFailed, type FieldError } from '../../platform/errors.js';
import { toFieldErrors } from '../../platform/forms.js';
import {
  areaExists,
  findOrganisationById,
  findOrganisationBySlug,
  insertOrganisation,
  listAreas,
  listOrganisations,
  nameInUse,
  slugInUse,
  type OrganisationFilter,
} from './queries.js';
import { newOrganisationSchema, type NewOrganisation } from './schemas.js';
import { hasAdministrator } from '../users/index.js';

export function organisationService({ db }: { db: Kysely<DB> }) {
  return {
    /** Every organisation: the system administrator's view. */
    async list(actor: Actor, filter: OrganisationFilter = {}) {
      await authorize(db, actor, 'administer_system', 'organisation.listed');
      return listOrganisations(db, filter);
    },

    /**
     * An organisation's page: any for the system administrator, only its own for an
     * organisation administrator (another is "not found"). Says whether it has an
     * administrator yet: until it has, the system administrator may give it its first.
     */
    async get(actor: Actor, slug: string) {
      await authorize(db, actor, 'administer_organisation', 'organisation.viewed');
      const organisation = await findOrganisationBySlug(db, slug);
      const where = organisation ? standing(actor, organisation.id) : 'none';
      if (!organisation || where === 'none') {
        await withActor(db, actor, (tx) =>
          recordAudit(tx, actor, {
            action: 'organisation.viewed',
            entityType: 'organisation',
            entityId: organisation?.id,
            outcome: 'denied',
          }),
        );
        throw notFound();
      }
      return {
        ...organisation,
        own: where === 'inside',
        hasAdministrator: await hasAdministrator(db, organisation.id),
      };
    },

    areas: () => listAreas(db),

    /** Names and kinds of organisations are not case data: anyone signed in may look them up. */
    findBySlug: (slug: string) => findOrganisationBySlug(db, slug),
    findById: (id: string) =>
      isUuid(id) ? findOrganisationById(db, id) : Promise.resolve(undefined),

    /** Validates and adds an organisation; field errors name the form field (or CLI flag). */
    async add(actor: Actor, input: unknown) {
      await authorize(db, actor, 'administer_system', 'organisation.created');
      const parsed = newOrganisationSchema.safeParse(input);
      if (!parsed.success) throw validationFailed(toFieldErrors(parsed.error));
      return withActor(db, actor, (tx) => createOrganisation(tx, actor, parsed.data));
    },
  };
}

/** Shared with first-time set-up, which creates the administrator's organisation. */
export async function createOrganisation(tx: Tx, actor: Actor | null, input: NewOrganisation) {
  const errors: FieldError[] = [];
  if (input.area && !(await areaExists(tx, input.area))) {
    errors.push({ field: 'area', key: 'organisations.errors.areaUnknown' });
  }
  if (await nameInUse(tx, input.name)) {
    errors.push({ field: 'name', key: 'organisations.errors.nameTaken' });
  }
  if (input.slug && (await slugInUse(tx, input.slug))) {
    errors.push({ field: 'slug', key: 'organisations.errors.slugTaken' });
  }
  if (errors.length > 0) throw validationFailed(errors);
  const slug = input.slug ?? (await freeSlug(tx, slugify(input.name) || 'organisation'));
  const id = await insertOrganisation(tx, {
    slug,
    name: input.name,
    kind: input.kind,
    areaId: input.area ?? null,
  });
  await recordAudit(tx, actor, {
    action: 'organisation.created',
    entityType: 'organisation',
    entityId: id,
    details: { kind: input.kind, area: input.area ?? null, slug },
  });
  return { id, slug };
}

async function freeSlug(tx: Tx, base: string): Promise<string> {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (!(await slugInUse(tx, candidate))) return candidate;
  }
}

export type OrganisationService = ReturnType<typeof organisationService>;
