import type { FastifyInstance } from 'fastify';
import type { WithServices } from '../../services.js';
import { notFound } from '../../platform/errors.js';
import { requireCapability } from '../../platform/guards.js';
import { subjectAccessHtml, subjectAccessJson } from './document.js';

export async function subjectAccessRoutes(app: FastifyInstance, { services }: WithServices) {
  const guard = requireCapability(services.access, 'manage_service', 'subject_access.page');
  const base = '/cases/:id/people/:pid/subject-access';

  app.get(base, { preHandler: guard }, async (request, reply) => {
    const { id, pid } = request.params as { id: string; pid: string };
    const summary = await services.subjectAccess.summary(request.actor!, id, pid);
    return reply.view('subject-access/views/page.njk', {
      summary,
      caseId: id,
      participantId: pid,
      links: {
        readable: `/cases/${id}/people/${pid}/subject-access/report.html`,
        data: `/cases/${id}/people/${pid}/subject-access/report.json`,
      },
    });
  });

  app.get(`${base}/report.:format`, { preHandler: guard }, async (request, reply) => {
    const { id, pid, format } = request.params as { id: string; pid: string; format: string };
    if (format !== 'html' && format !== 'json') throw notFound();
    await services.subjectAccess.summary(request.actor!, id, pid);
    const report = await services.subjectAccess.report(request.actor!, pid);
    const name = `subject-access-${report.subject.personId ?? pid}.${format}`;
    return reply
      .header('content-disposition', `attachment; filename="${name}"`)
      .header('cache-control', 'no-store')
      .type(format === 'html' ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8')
      .send(format === 'html' ? subjectAccessHtml(report) : subjectAccessJson(report));
  });
}
