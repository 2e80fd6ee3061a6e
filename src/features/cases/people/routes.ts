// The People tab: everyone in a case, their safe-contact instructions, offers and consent.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { WithServices } from '../../../services.js';
import { PARTICIPANT_ROLES } from '../../../domain/case-lifecycle.js';
import { recordStamp } from '../../../domain/record-stamp.js';
import { afterConflict, shownRecord, shownValue } from './conflict.js';
import { CONTACT_METHODS } from '../../../domain/referrals.js';
import { withDates } from '../../../platform/date-input.js';
import { londonDate } from '../../../platform/format.js';
import { presentForm, problemsOf } from '../../../platform/forms.js';
import { formPost } from '../../../platform/form-route.js';
import { requireCapability } from '../../../platform/guards.js';
import type { Translate } from '../../../platform/i18n/index.js';
import { RecordChangedError } from '../kernel/index.js';
import { caseHeader } from '../presenters.js';
import { PARTICIPANT_FORM_FIELDS, participantFormValues } from './participants.js';
import { addressLines, registerPeoplePages } from './pages.js';
import { EXPLAINED_ITEMS, OFFER_METHODS } from './schemas.js';

const options = (t: Translate, list: string, values: readonly string[], withEmpty = false) => [
  ...(withEmpty ? [{ value: '', text: t('common.choose') }] : []),
  ...values.map((value) => ({ value, text: t(`${list}.${value}`) })),
];

function choiceLists(t: Translate) {
  return {
    roleItems: options(t, 'cases.roles', PARTICIPANT_ROLES),
    connectionItems: options(t, 'cases.connections', ['partner', 'child', 'parent', 'other'], true),
    contactMethodItems: options(t, 'referrals.options.contactMethod', CONTACT_METHODS, true),
    offerMethodItems: options(t, 'cases.offers.methods', OFFER_METHODS),
    explainedItems: options(t, 'cases.consent.explainedItems', EXPLAINED_ITEMS),
  };
}

type Form = ReturnType<typeof presentForm>;

export async function peopleRoutes(app: FastifyInstance, { services }: WithServices) {
  const guard = requireCapability(services.access, 'work_cases', 'case.page');
  registerPeoplePages(app, guard, services);

  async function renderList(request: FastifyRequest, reply: FastifyReply, caseId: string) {
    const view = await services.people.list(request.actor!, caseId);
    const query = (request.query ?? {}) as Record<string, unknown>;
    return reply.view('cases/people/views/list.njk', {
      ...view,
      header: caseHeader(view.case, 'people', request.t),
      flash: query.done ? request.t(`cases.people.flash.${String(query.done)}`) : undefined,
    });
  }

  async function renderPerson(
    request: FastifyRequest,
    reply: FastifyReply,
    caseId: string,
    participantId: string,
    forms: { offer?: Form; consent?: Form; withdraw?: Form } = {},
    status = 200,
  ) {
    const view = await services.people.get(request.actor!, caseId, participantId);
    const t = request.t;
    const today = londonDate(services.clock.now());
    const query = (request.query ?? {}) as Record<string, unknown>;
    return reply.code(status).view('cases/people/views/person.njk', {
      ...view,
      ...choiceLists(t),
      header: caseHeader(view.case, 'people', t),
      addressLines: addressLines(view.participant),
      offerForm:
        forms.offer ?? presentForm(t, { offered_on: today }, [], ['offered_on', 'reoffer_on']),
      consentForm: forms.consent ?? presentForm(t, { given_on: today }, [], ['given_on']),
      withdrawForm: forms.withdraw ?? presentForm(t, { withdrawn_on: today }, [], ['withdrawn_on']),
      form: {
        errorList: [
          ...(forms.offer?.errorList ?? []),
          ...(forms.consent?.errorList ?? []),
          ...(forms.withdraw?.errorList ?? []),
        ],
      },
      flash: query.done ? t(`cases.people.flash.${String(query.done)}`) : undefined,
    });
  }

  async function renderEditor(
    request: FastifyRequest,
    reply: FastifyReply,
    caseId: string,
    participantId: string | null,
    form: Form | null,
    status = 200,
    conflict = false,
  ) {
    const t = request.t;
    if (participantId) {
      const view = await services.people.get(request.actor!, caseId, participantId);
      const saved = participantFormValues(view.participant);
      const merged = conflict && form ? afterConflict(t, form.values, saved) : undefined;
      const typedRecord = form?.values.record;
      const typedShown = shownRecord(form?.values.shown) ? String(form?.values.shown) : undefined;
      return reply.code(status).view('cases/people/views/edit.njk', {
        ...view,
        ...choiceLists(t),
        header: caseHeader(view.case, 'people', t),
        form: form && merged ? { ...form, values: merged.values } : (form ?? presentForm(t, saved)),
        version: view.case.version,
        // After a mistake, the stamp and record the form was first shown with.
        record:
          merged?.record ??
          (typeof typedRecord === 'string' && typedRecord
            ? typedRecord
            : recordStamp(saved, PARTICIPANT_FORM_FIELDS)),
        shown: merged?.shown ?? typedShown ?? shownValue(saved),
        theirChange: merged?.theirChange,
      });
    }
    const view = await services.people.list(request.actor!, caseId);
    return reply.code(status).view('cases/people/views/edit.njk', {
      ...view,
      ...choiceLists(t),
      participant: null,
      header: caseHeader(view.case, 'people', t),
      form: form ?? presentForm(t, { role: 'supporter' }),
      version: view.case.version,
    });
  }

  app.get('/cases/:id/people', { preHandler: guard }, async (request, reply) => {
    const { id } = request.params as { id: string };
    return renderList(request, reply, id);
  });

  app.get('/cases/:id/people/new', { preHandler: guard }, async (request, reply) => {
    const { id } = request.params as { id: string };
    return renderEditor(request, reply, id, null, null);
  });

  /** Saves the person and shows them, or shows the editor again with what was typed. */
  async function savePerson(
    request: FastifyRequest,
    reply: FastifyReply,
    ids: { id: string; pid: string | null },
    save: () => Promise<string>,
  ) {
    try {
      return reply.redirect(await save());
    } catch (error) {
      const { errors, status } = problemsOf(error, 'display_name');
      const typed = presentForm(request.t, request.body as Record<string, unknown>, errors);
      const changed = error instanceof RecordChangedError;
      return renderEditor(request, reply, ids.id, ids.pid, typed, status, changed);
    }
  }

  app.post('/cases/:id/people/new', { preHandler: guard }, async (request, reply) => {
    const { id } = request.params as { id: string };
    return savePerson(request, reply, { id, pid: null }, async () => {
      const participantId = await services.people.add(request.actor!, id, request.body);
      return `/cases/${id}/people/${participantId}?done=added`;
    });
  });

  app.get('/cases/:id/people/:pid', { preHandler: guard }, async (request, reply) => {
    const { id, pid } = request.params as { id: string; pid: string };
    return renderPerson(request, reply, id, pid);
  });

  app.get('/cases/:id/people/:pid/edit', { preHandler: guard }, async (request, reply) => {
    const { id, pid } = request.params as { id: string; pid: string };
    return renderEditor(request, reply, id, pid, null);
  });

  app.post('/cases/:id/people/:pid/edit', { preHandler: guard }, async (request, reply) => {
    const { id, pid } = request.params as { id: string; pid: string };
    return savePerson(request, reply, { id, pid }, async () => {
      await services.people.update(request.actor!, id, pid, request.body);
      return `/cases/${id}/people/${pid}?done=updated`;
    });
  });

  // Each with the id of its heading on the person's page, for a refusal to link to.
  const personForms = [
    ['offers', 'offer', ['offered_on', 'reoffer_on'], 'offers', services.people.recordOffer],
    ['consent', 'consent', ['given_on'], 'consent', services.people.recordConsent],
    ['withdraw', 'withdraw', ['withdrawn_on'], 'consent', services.people.withdrawConsent],
  ] as const;

  for (const [path, formName, dates, anchor, act] of personForms) {
    formPost(app, guard, {
      path: `/cases/:id/people/:pid/${path}`,
      refusalField: anchor,
      dateFields: [...dates],
      // Ticked boxes come back as one value or a list: shown ticked again either way.
      typed: (body) =>
        body.explained === undefined ? body : { ...body, explained: [body.explained].flat() },
      render: (request, reply, form, status) => {
        const { id, pid } = request.params as { id: string; pid: string };
        return renderPerson(request, reply, id, pid, { [formName]: form }, status);
      },
      async save(request) {
        const { id, pid } = request.params as { id: string; pid: string };
        await act(request.actor!, id, pid, withDates(request.body, [...dates]));
        return `/cases/${id}/people/${pid}?done=${formName}`;
      },
    });
  }
}
