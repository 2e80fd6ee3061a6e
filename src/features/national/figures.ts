// Each area's figures for a year, as the national map, its table and the area pages show them:
// from the provision survey (spend share, quality mark, agencies covered) and the Victims' Code
// returns (victims told about restorative justice). A figure an area did not give is null,
// never zero.
import type { Kysely } from 'kysely';
import { withActor, type Tx } from '../../db/actor-context.js';
import type { DB } from '../../db/schema.js';
import { spendShare, type Answers } from '../../domain/provision-survey.js';
import { combineReturns } from '../../domain/victims-informed.js';
import type { Actor } from '../../domain/roles.js';
import { authorize } from '../../platform/authorize.js';
import { notFound } from '../../platform/errors.js';
import { asOperatorOr } from './provision/service.js';
import { agencyOptions, areaResponses, currentResponses } from './provision/store.js';
import { currentReturns } from './victims-informed/store.js';
import { populationsAsAt } from './populations.js';

export interface AreaFigures {
  areaId: string;
  name: string;
  region: string;
  responded: boolean;
  spendShare: number | null;
  qualityMark: string | null;
  agenciesCovered: number | null;
  victimsOffered: { victims: number; toldAboutRj: number; percent: number | null } | null;
  population: { year: number; population: number; source: string } | null;
  /** Referrals received by the area's services on Waymark in the year, per 100,000 people. */
  referralsPer100k?: number | null;
}

export interface YearFigures {
  year: number;
  /** How many agencies the year's survey asked about. */
  agencyOptions: number;
  areas: AreaFigures[];
}

function fromAnswers(answers: Answers | undefined) {
  if (!answers) return { spendShare: null, qualityMark: null, agenciesCovered: null };
  return {
    spendShare: spendShare(answers),
    qualityMark: typeof answers.rsqm === 'string' ? answers.rsqm : null,
    agenciesCovered: Array.isArray(answers.agencies) ? answers.agencies.length : null,
  };
}

export async function yearFigures(tx: Tx, year: number): Promise<YearFigures> {
  const areas = await tx
    .selectFrom('areas')
    .select(['id', 'name', 'region'])
    .orderBy('name')
    .execute();
  const responses = new Map((await currentResponses(tx, year)).map((r) => [r.areaId, r.answers]));
  const returns = (await currentReturns(tx, { from: `${year}-01-01` })).filter(
    (r) => r.month <= `${year}-12-01`,
  );
  const populations = await populationsAsAt(tx, year);
  return {
    year,
    agencyOptions: (await agencyOptions(tx, year)).length,
    areas: areas.map((area) => {
      const own = returns.filter((r) => r.areaId === area.id);
      return {
        areaId: area.id,
        name: area.name,
        region: area.region,
        responded: responses.has(area.id),
        ...fromAnswers(responses.get(area.id)),
        victimsOffered: own.length > 0 ? combineReturns(own) : null,
        population: populations.get(area.id) ?? null,
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

export function nationalFigureService({ db }: { db: Kysely<DB> }) {
  return {
    /** The national analyst's home page: the latest survey's responses, areas reporting. */
    async headline(actor: Actor) {
      await authorize(db, actor, asOperatorOr(actor, 'view_national'), 'national_figures.viewed');
      return withActor(db, actor, async (tx) => {
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
          areas: areas.n,
        };
      });
    },

    /** An area's page: who it is, its survey responses, returns and population. */
    async area(actor: Actor, areaId: string) {
      await authorize(db, actor, asOperatorOr(actor, 'view_national'), 'national_area.viewed');
      return withActor(db, actor, async (tx) => {
        const profile = await areaProfile(tx, areaId);
        if (!profile) throw notFound();
        return {
          profile,
          responses: await areaResponses(tx, areaId),
          returns: await currentReturns(tx, { areaId }),
          population: (await populationsAsAt(tx, 9999)).get(areaId) ?? null,
        };
      });
    },

    async forYear(actor: Actor, year: number): Promise<YearFigures> {
      await authorize(db, actor, asOperatorOr(actor, 'view_national'), 'national_figures.viewed');
      return withActor(db, actor, (tx) => yearFigures(tx, year));
    },
  };
}
