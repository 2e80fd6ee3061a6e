// Asking another service to take a case (or help with it), the transfers page of a service
// (incoming and outgoing), and accepting or declining an incoming one.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { WithServices } from '../../../services.js';
import type { FieldError } from '../../../platform/errors.js';
import { presentForm, problemsOf } from '../../../platform/forms.js';
import { requireCapability } from '../../../platform/guards.js';
import { TRANSFER_KINDS, TRANSFER_PARTS } from './payload.js';
import { presentPayload } from './presenter.js';

const STATUS_COLOURS: Record<string, string> = {
  requested: 'blue',
  accepted: 'green',
  declined: 'grey',
};

const asList = (value: unknown) =>
  (value === undefined ? [] : Array.isArray(value) ? value : [value]).map(String);

export async function caseTransferRoutes(app: FastifyInstance, { services }: WithServices) {
  const staff = requireCapability(services.access, 'triage_referrals', 'transfer.page');

  async function renderRequest(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    options: { values?: Record<string, unknown>; errors?: FieldError[]; status?: number } = {},
  ) {
    const t = request.t;
    const view = await services.transfers.form(request.actor!, id);
    const values = options.values ?? { items: ['summary'] };
    const form = presentForm(t, values, options.errors ?? []);
    const chosen = (name: string) => new Set(asList(values[name]));
    return reply.code(options.status ?? 200).view('cases/transfers/views/request.njk', {
      caseId: id,
      reference: view.case.reference,
      closed: view.case.stage === 'closed',
      form,
      serviceItems: [
        { value: '', text: t('cases.transfers.form.chooseService') },
        ...view.services.map((s) => ({
          value: s.id,
          text: s.area ? `${s.name} (${s.area})` : s.name,
          selected: values.to_org === s.id,
        })),
      ],
      kindItems: TRANSFER_KINDS.map((kind) => ({
        value: kind,
        text: t(`cases.transfers.kinds.${kind}`),
        hint: { text: t(`cases.transfers.kindHints.${kind}`) },
        checked: values.kind === kind,
      })),
      partItems: TRANSFER_PARTS.map((part) => ({
        value: part,
        text: t(`cases.transfers.parts.${part}`),
        hint: { text: t(`cases.transfers.partHints.${part}`) },
        checked: chosen('items').has(part),
      })),
      participantItems: view.participants.map((p) => ({
        value: p.id,
        text: p.name,
        hint: { text: `${t(`cases.roles.${p.role}`)}, ${t(`cases.consent.${p.consent}`)}` },
        checked: chosen('participants').has(p.id),
      })),
      documentItems: view.documents.map((d) => ({
        value: d.id,
        text: d.fileName,
        checked: chosen('documents').has(d.id),
      })),
      transfers: view.transfers.map((tr) => ({
        href: `/transfers/${tr.id}`,
        text: t(`cases.transfers.kinds.${tr.kind}`),
        toService: tr.toService,
        requestedAt: tr.requestedAt,
        status: t(`cases.transfers.statuses.${tr.status}`),
        colour: STATUS_COLOURS[tr.status],
      })),
    });
  }

  app.get('/cases/:id/transfer', { preHandler: staff }, async (request, reply) => {
    const { id } = request.params as { id: string };
    return renderRequest(request, reply, id);
  });

  app.post('/cases/:id/transfer', { preHandler: staff }, async (request, reply) => {
    const { id } = request.params as { id: string };
    try {
      const transferId = await services.transfers.request(request.actor!, id, request.body);
      return reply.redirect(`/transfers/${transferId}?done=requested`, 303);
    } catch (error) {
      const { errors, status } = problemsOf(error, 'to_org');
      const values = (request.body ?? {}) as Record<string, unknown>;
      return renderRequest(request, reply, id, { values, errors, status });
    }
  });

  app.get('/transfers', { preHandler: staff }, async (request, reply) => {
    const t = request.t;
    const view = await services.transfers.list(request.actor!);
    const done = (request.query as { done?: unknown } | undefined)?.done;
    const present = (r: (typeof view.incoming)[number]) => ({
      href: `/transfers/${r.id}`,
      kind: t(`cases.transfers.kinds.${r.kind}`),
      fromService: r.fromService,
      toService: r.toService,
      fromReference: r.fromReference,
      requestedAt: r.requestedAt,
      status: t(`cases.transfers.statuses.${r.status}`),
      colour: STATUS_COLOURS[r.status],
      items: r.items.map((item) => t(`cases.transfers.items.${item}`)).join(', '),
    });
    return reply.view('cases/transfers/views/list.njk', {
      incoming: view.incoming.map(present),
      outgoing: view.outgoing.map(present),
      awaiting: view.awaiting,
      flash: done === 'declined' ? t('cases.transfers.flash.declined') : undefined,
    });
  });

  async function renderTransfer(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    options: { values?: Record<string, unknown>; errors?: FieldError[]; status?: number } = {},
  ) {
    const t = request.t;
    const transfer = await services.transfers.get(request.actor!, id);
    const done = (request.query as { done?: unknown } | undefined)?.done;
    return reply.code(options.status ?? 200).view('cases/transfers/views/transfer.njk', {
      transfer,
      title: t(
        transfer.incoming
          ? `cases.transfers.titles.incoming.${transfer.kind}`
          : `cases.transfers.titles.outgoing.${transfer.kind}`,
        { from: transfer.fromService, to: transfer.toService },
      ),
      status: t(`cases.transfers.statuses.${transfer.status}`),
      colour: STATUS_COLOURS[transfer.status],
      items: transfer.items.map((item) => t(`cases.transfers.items.${item}`)),
      carried: presentPayload(transfer.payload, t),
      form: presentForm(t, options.values ?? {}, options.errors ?? []),
      canDecide: transfer.incoming && transfer.status === 'requested',
      flash: done === 'requested' ? t('cases.transfers.flash.requested') : undefined,
    });
  }

  app.get('/transfers/:id', { preHandler: staff }, async (request, reply) => {
    const { id } = request.params as { id: string };
    return renderTransfer(request, reply, id);
  });

  app.post('/transfers/:id/accept', { preHandler: staff }, async (request, reply) => {
    const { id } = request.params as { id: string };
    try {
      const received = await services.transfers.accept(request.actor!, id, request.t);
      return reply.redirect(`/cases/${received.caseId}?done=transferReceived`, 303);
    } catch (error) {
      const { errors, status } = problemsOf(error, 'accept');
      return renderTransfer(request, reply, id, { errors, status });
    }
  });

  app.post('/transfers/:id/decline', { preHandler: staff }, async (request, reply) => {
    const { id } = request.params as { id: string };
    try {
      await services.transfers.decline(request.actor!, id, request.body);
      return reply.redirect('/transfers?done=declined', 303);
    } catch (error) {
      const { errors, status } = problemsOf(error, 'reason');
      const values = (request.body ?? {}) as Record<string, unknown>;
      return renderTransfer(request, reply, id, { values, errors, status });
    }
  });
}
