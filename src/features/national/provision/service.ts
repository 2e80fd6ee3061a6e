// The provision survey's use cases: a PCC office answers for its own area (the question pages),
// a national analyst or the command line imports answers for any area, and national analysts
// read the results. Every door records a response through recordResponse.
import type { Kysely } from 'kysely';
import { withActor } from '../../../db/actor-context.js';
import type { DB } from '../../../db/schema.js';
import { surveyResults } from '../../../domain/provision-results.js';
import {
  AGENCIES,
  defaultAgencyOptions,
  isSurveyYear,
  readAnswers,
  type Answers,
} from '../../../domain/provision-survey.js';
import { can, type Actor, userIdOf } from '../../../domain/roles.js';
import { recordAudit } from '../../../platform/audit.js';
import { authorize } from '../../../platform/authorize.js';
import type { Clock } from '../../../platform/clock.js';
import { notFound, validationFailed } from '../../../platform/errors.js';
import { asOperatorOr, csvImport } from '../import-run.js';
import { importProvisionRows } from './import.js';
import {
  agencyOptions,
  areaList,
  areaResponses,
  currentResponses,
  questionsFor,
  recordResponse,
  surveyYears,
  type Recorded,
} from './store.js';

export const actorName = (actor: Actor) => ('name' in actor ? actor.name : actor.kind);

/** How `actor` gives a national record at `at`: on the form, or in the file named. */
export const recordedBy = (actor: Actor, at: Date, fileName?: string): Recorded => ({
  source: fileName === undefined ? 'form' : 'import',
  ...(fileName === undefined ? {} : { fileName }),
  recordedBy: userIdOf(actor),
  recordedByName: actorName(actor),
  at,
});

export function provisionService({ db, clock }: { db: Kysely<DB>; clock: Clock }) {
  const read = (actor: Actor, action: string) =>
    authorize(db, actor, asOperatorOr(actor, 'view_national'), action);

  return {
    /** Imports a file of responses; with `dryRun` every row is checked and nothing kept. */
    importCsv: csvImport(db, 'provision_import', (tx, file, { actor, fileName, dryRun }) => {
      const recorded = recordedBy(actor, clock.now(), fileName);
      return importProvisionRows(tx, file, {
        dryRun,
        write: (response) => recordResponse(tx, { ...response, ...recorded }),
      });
    }),

    /** A year's results, with every area's name, and the years there are to choose from. */
    async results(actor: Actor, year: number) {
      await read(actor, 'provision_results.viewed');
      if (!isSurveyYear(year)) throw notFound();
      return withActor(db, actor, async (tx) => {
        const questions = await questionsFor(tx, year);
        const areas = await areaList(tx);
        const results = surveyResults({
          year,
          questions,
          responses: await currentResponses(tx, year),
          areaIds: areas.map((a) => a.id),
        });
        return {
          results,
          questions,
          areaNames: new Map(areas.map((a) => [a.id, a.name])),
          years: await surveyYears(tx),
        };
      });
    },

    /** The survey years there are, newest first. */
    async years(actor: Actor) {
      await read(actor, 'provision_years.viewed');
      return withActor(db, actor, (tx) => surveyYears(tx));
    },

    /** Every response an area has given, for a national analyst or the area's own office. */
    async areaHistory(actor: Actor, areaId: string) {
      if (can(actor, 'report_area'))
        await authorize(db, actor, 'report_area', 'provision_history.viewed');
      else await read(actor, 'provision_history.viewed');
      // Row-level security leaves a commissioner only their own area's responses.
      return withActor(db, actor, (tx) => areaResponses(tx, areaId));
    },

    /** Each area's current response for a year (for the map and the area pages). */
    async current(actor: Actor, year: number) {
      await read(actor, 'provision_results.viewed');
      return withActor(db, actor, (tx) => currentResponses(tx, year));
    },

    async agencySetting(actor: Actor, year: number) {
      await authorize(db, actor, asOperatorOr(actor, 'import_national'), 'provision_settings.page');
      if (!isSurveyYear(year)) throw notFound();
      return withActor(db, actor, async (tx) => ({
        year,
        options: await agencyOptions(tx, year),
        defaults: defaultAgencyOptions(year),
      }));
    },

    /** Sets the agencies a year offers; one that a current response chose cannot be taken away. */
    async setAgencies(actor: Actor, year: number, chosen: readonly string[]) {
      await authorize(db, actor, asOperatorOr(actor, 'import_national'), 'provision_settings.set');
      if (!isSurveyYear(year)) throw notFound();
      const options = AGENCIES.filter((agency) => chosen.includes(agency));
      if (options.length === 0)
        throw validationFailed([
          { field: 'agencies', key: 'national.provision.settings.noneChosen' },
        ]);
      await withActor(db, actor, async (tx) => {
        const inUse = (await currentResponses(tx, year)).flatMap((r) =>
          ((r.answers.agencies as string[] | null) ?? [])
            .filter((a) => !options.includes(a as never))
            .map((agency) => ({ agency, area: r.areaId })),
        );
        if (inUse.length > 0)
          throw validationFailed([
            {
              field: 'agencies',
              key: 'national.provision.settings.inUse',
              params: {
                agency: inUse[0]!.agency,
                areas: [...new Set(inUse.map((u) => u.area))].join(', '),
              },
            },
          ]);
        await tx
          .insertInto('provision_survey_years')
          .values({ year, agency_options: options, updated_by_name: actorName(actor) })
          .onConflict((oc) =>
            oc.column('year').doUpdateSet({
              agency_options: options,
              updated_by_name: actorName(actor),
              updated_at: clock.now(),
            }),
          )
          .execute();
        await recordAudit(tx, actor, {
          action: 'provision_settings.set',
          details: { year, agencies: options },
        });
      });
    },

    /** A PCC office's answers for its own area: checked, then recorded like an import's. */
    async answer(actor: Actor, year: number, texts: Record<string, string>) {
      await authorize(db, actor, 'report_area', 'provision_response.recorded');
      if (!isSurveyYear(year) || actor.kind !== 'user') throw notFound();
      return withActor(db, actor, async (tx) => {
        const areaId = await ownArea(tx, actor.orgId);
        const read = readAnswers(await questionsFor(tx, year), texts);
        if (!read.ok)
          throw validationFailed(
            read.problems.map((p) => ({
              field: p.question,
              key: `national.provision.problems.${p.key}`,
              params: p.params,
            })),
          );
        const outcome = await recordResponse(tx, {
          areaId,
          year,
          answers: read.answers,
          ...recordedBy(actor, clock.now()),
        });
        await recordAudit(tx, actor, {
          action: 'provision_response.recorded',
          details: { area: areaId, year, outcome },
        });
        return { areaId, outcome };
      });
    },

    /** The acting PCC office's area, its name, and the answers it gave for a year, if any. */
    async ownResponse(actor: Actor, year: number) {
      await authorize(db, actor, 'report_area', 'provision_response.viewed');
      if (!isSurveyYear(year)) throw notFound();
      return withActor(db, actor, async (tx) => {
        const areaId = await ownArea(tx, actor.orgId!);
        const current = (await areaResponses(tx, areaId)).find((r) => r.year === year && r.current);
        return {
          areaId,
          questions: await questionsFor(tx, year),
          answers: current?.answers as Answers | undefined,
        };
      });
    },
  };
}

/** The police force area of the acting organisation; an office without one has nothing here. */
export async function ownArea(tx: Parameters<typeof areaList>[0], orgId: string): Promise<string> {
  const org = await tx
    .selectFrom('organisations')
    .select('area_id')
    .where('id', '=', orgId)
    .executeTakeFirst();
  if (!org?.area_id) throw notFound();
  return org.area_id;
}

export type ProvisionService = ReturnType<typeof provisionService>;
