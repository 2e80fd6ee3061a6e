import type { Kysely } from 'kysely';
import type { Tx } from '../../db/actor-context.js';
import type { DB } from '../../db/schema.js';
import type { OrganisationKind } from '../../domain/organisations.js';
import { escapeLike } from '../../db/like.js';

export interface OrganisationRow {
  id: string;
  slug: string;
  name: string;
  kind: OrganisationKind;
  areaId: string | null;
  areaName: string | null;
}

type Reader = Kysely<DB> | Tx;

function selectOrganisations(db: Reader) {
  return db
    .selectFrom('organisations')
    .leftJoin('areas', 'areas.id', 'organisations.area_id')
    .select([
      'organisations.id',
      'organisations.slug',
      'organisations.name',
      'organisations.kind',
      'organisations.area_id as areaId',
      'areas.name as areaName',
    ])
    .$castTo<OrganisationRow>();
}

/** The RJ services of a police force area, by name. */
export function rjServicesIn(db: Reader, areaId: string) {
  return db
    .selectFrom('organisations')
    .select(['id', 'name'])
    .where('area_id', '=', areaId)
    .where('kind', '=', 'rj_service')
    .orderBy('name')
    .execute();
}

export function findOrganisationBySlug(db: Reader, slug: string) {
  return selectOrganisations(db).where('organisations.slug', '=', slug).executeTakeFirst();
}

export function findOrganisationById(db: Reader, id: string) {
  return selectOrganisations(db).where('organisations.id', '=', id).executeTakeFirst();
}

export interface OrganisationFilter {
  kind?: OrganisationKind;
  areaId?: string;
  search?: string;
}

export function listOrganisations(db: Reader, filter: OrganisationFilter = {}) {
  let query = selectOrganisations(db).orderBy('organisations.name');
  if (filter.kind) query = query.where('organisations.kind', '=', filter.kind);
  if (filter.areaId) query = query.where('organisations.area_id', '=', filter.areaId);
  if (filter.search) {
    query = query.where('organisations.name', 'ilike', `%${escapeLike(filter.search)}%`);
  }
  return query.execute();
}

/** Whether the query finds a row. */
async function found(query: { executeTakeFirst(): Promise<unknown> }): Promise<boolean> {
  return (await query.executeTakeFirst()) !== undefined;
}

export function slugInUse(db: Reader, slug: string): Promise<boolean> {
  return found(db.selectFrom('organisations').select('id').where('slug', '=', slug));
}

export function nameInUse(db: Reader, name: string): Promise<boolean> {
  return found(
    db
      .selectFrom('organisations')
      .select('id')
      .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase())),
  );
}

export async function insertOrganisation(
  tx: Tx,
  values: { slug: string; name: string; kind: OrganisationKind; areaId: string | null },
): Promise<string> {
  const row = await tx
    .insertInto('organisations')
    .values({ slug: values.slug, name: values.name, kind: values.kind, area_id: values.areaId })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export function listAreas(db: Reader) {
  return db.selectFrom('areas').select(['id', 'name', 'country']).orderBy('name').execute();
}

export function areaExists(db: Reader, id: string): Promise<boolean> {
  return found(db.selectFrom('areas').select('id').where('id', '=', id));
}
