import type { FastifyInstance } from 'fastify';
import type { WithServices } from '../../../services.js';
import { withDates } from '../../../platform/date-input.js';
import { londonDate } from '../../../platform/format.js';
import { formRoute, idOf, type RenderForm } from '../../../platform/form-route.js';
import { presentForm } from '../../../platform/forms.js';
import { requireCapability } from '../../../platform/guards.js';
import { caseHeader } from '../presenters.js';
import { contactChoices } from './presenter.js';

export async function contactRoutes(app: FastifyInstance, { services }: WithServices) {
  const guard = requireCapability(services.access, 'work_cases', 'case.page');

  const render: RenderForm = async (
    request,
    reply,
    form = presentForm(
      request.t,
      { contacted_on: londonDate(services.clock.now()) },
      [],
      ['contacted_on'],
    ),
    status = 200,
  ) => {
    const view = await services.contacts.list(request.actor!, idOf(request));
    const query = (request.query ?? {}) as Record<string, unknown>;
    return reply.code(status).view('cases/contacts/views/contacts.njk', {
      ...view,
      header: caseHeader(view.case, 'contacts', request.t),
      form,
      ...contactChoices(view.participants, form.values, request.t),
      flash: 'done' in query ? request.t('cases.contacts.recorded') : undefined,
    });
  };

  formRoute(app, guard, {
    path: '/cases/:id/contacts',
    refusalField: 'participant_id',
    dateFields: ['contacted_on'],
    render,
    async save(request) {
      const id = idOf(request);
      await services.contacts.add(request.actor!, id, withDates(request.body, ['contacted_on']));
      return `/cases/${id}/contacts?done`;
    },
  });
}
