// The commissioner's view: every service operating in their police force area, each and all
// together, for a period; the quarterly return to download; the spend to enter. Figures only,
// from the aggregate store: a commissioner is told "not found" for anything else, including
// another area's view.
import type { FastifyInstance } from 'fastify';
import type { WithServices } from '../../services.js';
import { periodKey as periodKeyOf, previousQuarter } from '../../domain/report-periods.js';
import { formRoute } from '../../platform/form-route.js';
import { londonDate } from '../../platform/format.js';
import { presentForm } from '../../platform/forms.js';
import { requireCapability, requireSignedIn } from '../../platform/guards.js';
import {
  downloadLinks,
  reportFileName,
  reportPage,
  sendCsv,
  sendWorkbook,
} from '../reports/index.js';
import { can } from '../../domain/roles.js';

type Params = { areaId: string };

export async function areaRoutes(app: FastifyInstance, { services }: WithServices) {
  const today = () => londonDate(services.clock.now());
  const commissioner = requireCapability(services.access, 'view_area', 'area.page');

  app.get('/area', { preHandler: commissioner }, async (request, reply) => {
    const areaId = await services.spend.areaOf(request.actor!);
    return reply.redirect(`/areas/${areaId}`);
  });

  app.get<{ Params: Params }>(
    '/areas/:areaId',
    { preHandler: requireSignedIn },
    async (request, reply) => {
      const { areaId } = request.params;
      const page = await reportPage(request.t, today(), () =>
        services.reports.areaReport(request.actor!, areaId, request.query),
      );
      return reply.code(page.status).view('area/views/area.njk', {
        ...page,
        areaId,
        periodAction: `/areas/${areaId}`,
        downloads: downloadLinks(`/areas/${areaId}/return`, page.period),
        mayEnterSpend: can(request.actor!, 'report_area'),
      });
    },
  );

  for (const format of ['csv', 'xlsx'] as const)
    app.get<{ Params: Params }>(
      `/areas/:areaId/return.${format}`,
      { preHandler: requireSignedIn },
      async (request, reply) => {
        const query = (request.query ?? {}) as Record<string, unknown>;
        // The quarterly return: the last whole quarter, unless a period is asked for.
        const report = await services.reports.areaReport(
          request.actor!,
          request.params.areaId,
          Object.keys(query).length ? query : { period: periodKeyOf(previousQuarter(today())) },
          'report.downloaded',
        );
        const name = reportFileName(report.area!.name, report.period, format);
        return format === 'csv'
          ? sendCsv(reply, report, name)
          : sendWorkbook(reply, report, request.t, services.baseUrl, name);
      },
    );

  formRoute(app, commissioner, {
    path: '/areas/:areaId/spend',
    mistakesOnly: true,
    async render(request, reply, form, status = 200) {
      const { areaId } = request.params as Params;
      // Shown again as typed: the year that was typed, and each service's spend.
      const typed = form?.values;
      const query = typed ? { year: typed.year } : request.query;
      const view = await services.spend.form(request.actor!, areaId, query);
      const saved = !typed && (request.query as Record<string, unknown> | undefined)?.saved === '1';
      return reply.code(status).view('area/views/spend.njk', {
        ...view,
        form: form ?? presentForm(request.t),
        ...(typed ? { typed } : { saved }),
      });
    },
    async save(request) {
      const { areaId } = request.params as Params;
      const { year } = await services.spend.save(request.actor!, areaId, request.body ?? {});
      return `/areas/${areaId}/spend?year=${year}&saved=1`;
    },
  });
}
