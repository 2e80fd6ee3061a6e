import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { WithServices } from '../../../services.js';
import { withDates } from '../../../platform/date-input.js';
import { londonDate } from '../../../platform/format.js';
import { formRoute, idOf } from '../../../platform/form-route.js';
import { presentForm } from '../../../platform/forms.js';
import { requireCapability } from '../../../platform/guards.js';
import { caseHeader } from '../presenters.js';
import { COMMUNICATION_METHODS } from '../../../domain/safe-contact.js';
import { CONTACT_OUTCOMES } from './schemas.js';

export async function contactRoutes(app: FastifyInstance, { services }: WithServices) {
  const guard = requireCapability(services.access, 'work_cases', 'case.page');

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    caseId: string,
    form = presentForm(
      request.t,
      { contacted_on: londonDate(services.clock.now()) },
      [],
      ['contacted_on'],
    ),
    status = 200,
  ) {
    const view = await services.contacts.list(request.actor!, caseId);
    const t = request.t;
    const chosen = form.values.participant_id as string | undefined;
    const query = (request.query ?? {}) as Record<string, unknown>;
    return reply.code(status).view('cases/contacts/views/contacts.njk', {
      ...view,
      header: caseHeader(view.case, 'contacts', t),
      form,
      participantItems: view.participants.map((p) => ({
        value: p.id,
        text: `${p.display_name} (${t(`cases.roles.${p.role}`)})`,
        checked: p.id === chosen,
        disabled: p.consent_status === 'withdrawn' || p.unsafe_to_contact,
        hint:
          p.consent_status === 'withdrawn'
            ? { text: t('cases.people.withdrawnWarning') }
            : p.unsafe_to_contact
              ? { text: t('cases.people.unsafe') }
              : undefined,
      })),
      methodItems: COMMUNICATION_METHODS.map((m) => ({
        value: m,
        text: t(`cases.contactMethods.${m}`),
        checked: form.values.method === m,
      })),
      outcomeItems: CONTACT_OUTCOMES.map((o) => ({
        value: o,
        text: t(`cases.contactOutcomes.${o}`),
        checked: form.values.outcome === o,
      })),
      flash: 'done' in query ? t('cases.contacts.recorded') : undefined,
    });
  }

  formRoute(app, guard, {
    path: '/cases/:id/contacts',
    refusalField: 'participant_id',
    dateFields: ['contacted_on'],
    render: (request, reply, form, status) => render(request, reply, idOf(request), form, status),
    async save(request) {
      const id = idOf(request);
      await services.contacts.add(request.actor!, id, withDates(request.body, ['contacted_on']));
      return `/cases/${id}/contacts?done`;
    },
  });
}
