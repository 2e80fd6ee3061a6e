// Each area's figures for a year, as the national map, its table and the pages show them: from
// the provision survey (spend share, quality mark, agencies covered), the monthly returns police
// forces give, and the aggregate store (referrals, and victims told about restorative justice as
// recorded in Waymark). A figure an area did not give is null, never zero; a count of people
// below the threshold, or one that would give such a count away, is HIDDEN.
import type { Kysely } from 'kysely';
import { withActor, type Tx } from '../../db/actor-context.js';
import type { FigureReads } from '../../db/figure-reads.js';
import type { DB } from '../../db/schema.js';
import { spendShare, type Answers } from '../../domain/provision-survey.js';
import { SUPPRESSED_MARKER } from '../../domain/suppression.js';
import { sharePercent } from '../../domain/victims-informed.js';
import type { Actor } from '../../domain/roles.js';
import { authorize } from '../../platform/authorize.js';
import { notFound } from '../../platform/errors.js';
import { ALL, type GridMeasure, type SuppressedGrid } from './grid.js';
import { asOperatorOr } from './import-run.js';
import { agencyOptions, areaResponses, currentResponses } from './provision/store.js';
import { populationsAsAt } from './populations.js';
import { areasOnWaymark, suppressedYear } from './year-grid.js';

/** A count or share not shown, to protect small numbers. */
export const HIDDEN = SUPPRESSED_MARKER;
export type Shown = number | typeof HIDDEN;

export interface ToldFigure {
  victims: Shown;
  toldAboutRj: Shown;
  /** Null with no victims to tell. */
  percent: Shown | null;
}

export interface AreaFigures {
  areaId: string;
  name: string;
  region: string;
  responded: boolean;
  spendShare: number | null;
  qualityMark: string | null;
  agenciesCovered: number | null;
  /** As the police force reported it (null: no return in the year). */
  victimsOffered: ToldFigure | null;
  /** As recorded in Waymark by the area's services (null: none on Waymark). */
  victimsToldWaymark: ToldFigure | null;
  /** Referrals received by the area's services on Waymark in the year (null: none on Waymark). */
  referrals: Shown | null;
  referralsPer100k: Shown | null;
  population: { year: number; population: number; source: string } | null;
}

export interface YearFigures {
  year: number;
  /** How many agencies the year's survey asked about. */
  agencyOptions: number;
  areas: AreaFigures[];
  grid: SuppressedGrid;
}

const shown = (n: number | null | undefined): Shown => (n === null || n === undefined ? HIDDEN : n);

/** Victims and those told, from the grid; the share hidden with either count. */
export function toldFigure(
  grid: SuppressedGrid,
  [victims, told]: [GridMeasure, GridMeasure],
  area: string,
  month: string,
  zeroIfMissing = false,
): ToldFigure | null {
  const v = grid.get(victims, area, month);
  const t = grid.get(told, area, month);
  if (!v || !t) return zeroIfMissing ? { victims: 0, toldAboutRj: 0, percent: null } : null;
  const percent = v.n === null || t.n === null ? HIDDEN : sharePercent(t.n, v.n);
  return { victims: shown(v.n), toldAboutRj: shown(t.n), percent };
}

function fromAnswers(answers: Answers | undefined) {
  if (!answers) return { spendShare: null, qualityMark: null, agenciesCovered: null };
  return {
    spendShare: spendShare(answers),
    qualityMark: typeof answers.rsqm === 'string' ? answers.rsqm : null,
    agenciesCovered: Array.isArray(answers.agencies) ? answers.agencies.length : null,
  };
}

export async function yearFigures(tx: Tx, year: number, threshold: number): Promise<YearFigures> {
  const areas = await tx
    .selectFrom('areas')
    .select(['id', 'name', 'region'])
    .orderBy('name')
    .execute();
  const responses = new Map((await currentResponses(tx, year)).map((r) => [r.areaId, r.answers]));
  const grid = await suppressedYear(tx, year, threshold);
  const onWaymark = await areasOnWaymark(tx);
  const populations = await populationsAsAt(tx, year);
  return {
    year,
    agencyOptions: (await agencyOptions(tx, year)).length,
    grid,
    areas: areas.map((area) => {
      const waymark = onWaymark.has(area.id);
      const cell = grid.get('referrals', area.id, ALL);
      const referrals = !waymark ? null : cell ? shown(cell.n) : 0;
      const population = populations.get(area.id) ?? null;
      return {
        areaId: area.id,
        name: area.name,
        region: area.region,
        responded: responses.has(area.id),
        ...fromAnswers(responses.get(area.id)),
        victimsOffered: toldFigure(grid, ['rVictims', 'rTold'], area.id, ALL),
        victimsToldWaymark: waymark
          ? toldFigure(grid, ['referrals', 'wTold'], area.id, ALL, true)
          : null,
        referrals,
        referralsPer100k:
          referrals === null || !population
            ? null
            : referrals === HIDDEN
              ? HIDDEN
              : (referrals * 100_000) / population.population,
        population,
      };
    }),
  };
}

/** An area as its page introduces it: names, region, who governs policing there. */
export async function areaProfile(tx: Tx, areaId: string) {
  const area = await tx
    .selectFrom('areas')
    .select(['id', 'name', 'force_name', 'region', 'country'])
    .where('id', '=', areaId)
    .executeTakeFirst();
  if (!area) return undefined;
  const governance = await tx
    .selectFrom('area_governance')
    .select(['governance_body'])
    .where('area_id', '=', areaId)
    .where('effective_to', 'is', null)
    .execute();
  return { ...area, governance: governance.map((g) => g.governance_body) };
}

/** The national analyst's home page: the latest survey's responses, areas reporting. */
export async function nationalHeadline(db: Kysely<DB>, actor: Actor) {
  await authorize(db, actor, asOperatorOr(actor, 'view_national'), 'national_figures.viewed');
  return withActor(
    db,
    actor,
    async (tx) => {
      const latest = await tx
        .selectFrom('provision_responses')
        .select((eb) => eb.fn.max('year').as('year'))
        .executeTakeFirst();
      const year = latest?.year ?? null;
      const responded = year === null ? [] : await currentResponses(tx, year);
      const reporting = await tx
        .selectFrom('victims_informed_returns')
        .select((eb) => eb.fn.count<number>('area_id').distinct().as('n'))
        .where('superseded_at', 'is', null)
        .executeTakeFirstOrThrow();
      const areas = await tx
        .selectFrom('areas')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return {
        year,
        responded: responded.length,
        reporting: Number(reporting.n),
        areas: Number(areas.n),
      };
    },
    { figuresOnly: true },
  );
}

export function nationalFigureService({
  db,
  reads,
  threshold,
}: {
  db: Kysely<DB>;
  reads: FigureReads;
  threshold: number;
}) {
  const reading = (actor: Actor, action: string) =>
    authorize(db, actor, asOperatorOr(actor, 'view_national'), action);
  // Everything here reads as the figures role, whoever acts (the command line too), from the
  // replica when there is one.
  const asFigures = <T>(actor: Actor, work: (tx: Tx) => Promise<T>) => reads(actor, work);

  return {
    threshold,

    async forYear(actor: Actor, year: number): Promise<YearFigures> {
      await reading(actor, 'national_figures.viewed');
      return asFigures(actor, (tx) => yearFigures(tx, year, threshold));
    },

    /** An area's page: who it is, its survey responses, and its year's figures. */
    async area(actor: Actor, areaId: string, year: number) {
      await reading(actor, 'national_area.viewed');
      return asFigures(actor, async (tx) => {
        const profile = await areaProfile(tx, areaId);
        if (!profile) throw notFound();
        const figures = await yearFigures(tx, year, threshold);
        return {
          profile,
          responses: await areaResponses(tx, areaId),
          figures: figures.areas.find((a) => a.areaId === areaId)!,
          grid: figures.grid,
          onWaymark: (await areasOnWaymark(tx)).has(areaId),
          population: (await populationsAsAt(tx, 9999)).get(areaId) ?? null,
        };
      });
    },

    /** When the store's figures were last brought up to date. */
    async asAt(actor: Actor): Promise<Date | null> {
      return asFigures(
        actor,
        async (tx) =>
          (await tx.selectFrom('aggregate_status').select('refreshed_at').executeTakeFirst())
            ?.refreshed_at ?? null,
      );
    },
  };
}
