// The service report (/outcomes), for service managers: their own service's figures for a
// period, from the aggregate store, as a page and as CSV and workbook downloads. The same
// report, for an area and with small numbers hidden, is the commissioner's (features/area).
import type { FastifyInstance } from 'fastify';
import type { WithServices } from '../../../services.js';
import { londonDate } from '../../../platform/format.js';
import { requireCapability } from '../../../platform/guards.js';
import {
  downloadLinks,
  reportFileName,
  reportPage,
  sendCsv,
  sendWorkbook,
} from '../../reports/index.js';

export async function outcomeRoutes(app: FastifyInstance, { services }: WithServices) {
  const guard = requireCapability(services.access, 'manage_service', 'outcomes.page');
  const today = () => londonDate(services.clock.now());

  app.get('/outcomes', { preHandler: guard }, async (request, reply) => {
    const page = await reportPage(request.t, today(), () =>
      services.reports.serviceReport(request.actor!, request.query),
    );
    return reply.code(page.status).view('measures/outcomes/views/outcomes.njk', {
      ...page,
      periodAction: '/outcomes',
      downloads: downloadLinks('/outcomes/report', page.period),
      timeLink: page.period && `/time?from=${page.period.from}-01&to=${page.period.to}-01`,
    });
  });

  app.get('/outcomes/report.csv', { preHandler: guard }, async (request, reply) => {
    const report = await services.reports.serviceReport(
      request.actor!,
      request.query,
      'report.downloaded',
    );
    return sendCsv(reply, report, reportFileName(report.services[0]!.name, report.period, 'csv'));
  });

  app.get('/outcomes/report.xlsx', { preHandler: guard }, async (request, reply) => {
    const report = await services.reports.serviceReport(
      request.actor!,
      request.query,
      'report.downloaded',
    );
    return sendWorkbook(
      reply,
      report,
      request.t,
      services.baseUrl,
      reportFileName(report.services[0]!.name, report.period, 'xlsx'),
    );
  });
}
