// Asking another service to take a case (or help with it), the transfers page of a service
// (incoming and outgoing), and accepting or declining an incoming one.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { WithServices } from '../../../services.js';
import { formPost, formRoute, idOf } from '../../../platform/form-route.js';
import { presentForm } from '../../../platform/forms.js';
import { requireCapability } from '../../../platform/guards.js';
import { presentPayload } from './presenter.js';
import { requestChoices, STATUS_COLOURS } from './request-presenter.js';

export async function caseTransferRoutes(app: FastifyInstance, { services }: WithServices) {
  const staff = requireCapability(services.access, 'triage_referrals', 'transfer.page');

  async function renderRequest(
    request: FastifyRequest,
    reply: FastifyReply,
    form = presentForm(request.t, { items: ['summary'] }),
    status = 200,
  ) {
    const id = idOf(request);
    const view = await services.transfers.form(request.actor!, id);
    return reply.code(status).view('cases/transfers/views/request.njk', {
      caseId: id,
      reference: view.case.reference,
      closed: view.case.stage === 'closed',
      form,
      ...requestChoices(view, form.values, request.t),
    });
  }

  formRoute(app, staff, {
    path: '/cases/:id/transfer',
    refusalField: 'to_org',
    redirectStatus: 303,
    render: renderRequest,
    async save(request) {
      const transferId = await services.transfers.request(
        request.actor!,
        idOf(request),
        request.body,
      );
      return `/transfers/${transferId}?done=requested`;
    },
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
    form = presentForm(request.t),
    status = 200,
  ) {
    const t = request.t;
    const transfer = await services.transfers.get(request.actor!, idOf(request));
    const done = (request.query as { done?: unknown } | undefined)?.done;
    return reply.code(status).view('cases/transfers/views/transfer.njk', {
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
      form,
      canDecide: transfer.incoming && transfer.status === 'requested',
      flash: done === 'requested' ? t('cases.transfers.flash.requested') : undefined,
    });
  }

  app.get('/transfers/:id', { preHandler: staff }, (request, reply) =>
    renderTransfer(request, reply),
  );

  formPost(app, staff, {
    path: '/transfers/:id/accept',
    refusalField: 'accept',
    redirectStatus: 303,
    // Accepting asks nothing: a refusal shows the transfer with nothing typed.
    typed: () => ({}),
    render: renderTransfer,
    async save(request) {
      const received = await services.transfers.accept(request.actor!, idOf(request), request.t);
      return `/cases/${received.caseId}?done=transferReceived`;
    },
  });

  formPost(app, staff, {
    path: '/transfers/:id/decline',
    refusalField: 'reason',
    redirectStatus: 303,
    render: renderTransfer,
    async save(request) {
      await services.transfers.decline(request.actor!, idOf(request), request.body);
      return '/transfers?done=declined';
    },
  });
}
