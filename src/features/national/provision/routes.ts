// The survey for national analysts: a year's results (a bar chart and its table per question),
// the same results to download as CSV or JSON, and the agencies each survey year asks about.
import type { FastifyInstance } from 'fastify';
import type { QuestionResult } from '../../../domain/provision-results.js';
import { AGENCIES, readSurveyYear } from '../../../domain/provision-survey.js';
import type { WithServices } from '../../../services.js';
import { presentChart } from '../../../platform/charts.js';
import { notFound } from '../../../platform/errors.js';
import { formRoute } from '../../../platform/form-route.js';
import { formatNumber } from '../../../platform/format.js';
import { presentForm } from '../../../platform/forms.js';
import { requireCapability } from '../../../platform/guards.js';
import type { Translate } from '../../../platform/i18n/index.js';
import { definitionLink } from '../definition-link.js';
import { optionText } from './pages.js';
import { provisionCsv, provisionJson } from './report.js';

const V = 'national/provision/views';
const Q = 'national.provision.questions';

export function questionChart(t: Translate, result: QuestionResult) {
  const title = t(`${Q}.${result.question}.short`);
  return presentChart({
    id: `survey-${result.question}`,
    kind: 'horizontalBar',
    title: t('national.survey.chartTitle', { question: title, answered: result.answered }),
    labels: result.options.map((o) => optionText(t, result.question, o.option)),
    tableColumns: [
      {
        label: t('national.survey.areas'),
        cells: result.options.map((o) => formatNumber(o.count)),
      },
    ],
    series: [
      {
        label: t('national.survey.percentAnswered'),
        values: result.options.map((o) => o.percent),
      },
    ],
    labelHeading: t('national.survey.answer'),
    format: 'percent',
    min: 0,
    max: 100,
  });
}

const pounds = (value: number | null | undefined) =>
  value === null || value === undefined ? '–' : `£${formatNumber(value)}`;

function yearOf(text: string): number {
  const year = readSurveyYear(text);
  if (year === null) throw notFound();
  return year;
}

export async function surveyRoutes(app: FastifyInstance, { services }: WithServices) {
  const reader = requireCapability(services.access, 'view_national', 'survey.page');
  const importer = requireCapability(services.access, 'import_national', 'survey.settings');

  app.get('/national/survey', { preHandler: reader }, async (request, reply) => {
    const chosen = (request.query as { year?: string }).year;
    const years = await services.provision.years(request.actor!);
    const year = chosen ? readSurveyYear(chosen) : (years[0] ?? null);
    if (year !== null) return reply.redirect(`/national/survey/${year}`, 303);
    return reply.code(chosen ? 400 : 200).view(`${V}/results.njk`, { years, results: null });
  });

  app.get('/national/survey/:year', { preHandler: reader }, async (request, reply) => {
    const year = yearOf((request.params as { year: string }).year);
    const { results, areaNames, years } = await services.provision.results(request.actor!, year);
    const t = request.t;
    return reply.view(`${V}/results.njk`, {
      year,
      years: years.includes(year) ? years : [year, ...years],
      results,
      charted: results.questions
        .filter((q) => q.kind !== 'pounds')
        .map((q) => ({
          id: q.question,
          title: t(`${Q}.${q.question}.title`),
          answered: t('national.survey.answeredSkipped', {
            answered: q.answered,
            skipped: q.skipped,
          }),
          chart: questionChart(t, q),
        })),
      amounts: results.questions
        .filter((q) => q.kind === 'pounds')
        .map((q) => ({
          key: { text: t(`${Q}.${q.question}.short`) },
          value: {
            text: t('national.survey.amounts', {
              answered: q.answered,
              skipped: q.skipped,
              total: pounds(q.amounts?.total),
              median: pounds(q.amounts?.median),
            }),
          },
        })),
      notResponding: results.notResponding.map((id) => ({ id, name: areaNames.get(id) ?? id })),
      definition: definitionLink('provision_survey'),
    });
  });

  app.get(
    '/national/survey/:year/results.:format',
    { preHandler: reader },
    async (request, reply) => {
      const { year: text, format } = request.params as { year: string; format: string };
      if (format !== 'csv' && format !== 'json') throw notFound();
      const year = yearOf(text);
      const { results, areaNames } = await services.provision.results(request.actor!, year);
      return reply
        .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="provision-survey-${year}.${format}"`)
        .send(format === 'csv' ? provisionCsv(results) : provisionJson(results, areaNames));
    },
  );

  formRoute(app, importer, {
    path: '/national/survey/:year/agencies',
    mistakesOnly: true,
    redirectStatus: 303,
    typed: (body) => ({ agencies: chosenAgencies(body) }),
    async render(request, reply, form, status = 200) {
      const year = yearOf((request.params as { year: string }).year);
      const setting = await services.provision.agencySetting(request.actor!, year);
      const saved = !form && 'saved' in (request.query as object);
      return reply.code(status).view(`${V}/agencies.njk`, {
        year,
        items: agencyItems(request.t, form ? chosenAgencies(form.values) : setting.options),
        defaults: setting.defaults.map((a) => optionText(request.t, 'agencies', a)).join(', '),
        form: form ?? presentForm(request.t),
        flash: saved ? request.t('national.survey.settings.saved') : undefined,
      });
    },
    async save(request) {
      const year = yearOf((request.params as { year: string }).year);
      await services.provision.setAgencies(request.actor!, year, chosenAgencies(request.body));
      return `/national/survey/${year}/agencies?saved`;
    },
  });
}

/** The agencies ticked: one value or several, text only. */
export function chosenAgencies(body: unknown): string[] {
  return ([] as unknown[])
    .concat((body as { agencies?: unknown } | undefined)?.agencies ?? [])
    .filter((v): v is string => typeof v === 'string');
}

function agencyItems(t: Translate, chosen: readonly string[]) {
  return AGENCIES.map((agency) => ({
    value: agency,
    text: optionText(t, 'agencies', agency),
    checked: chosen.includes(agency),
  }));
}
