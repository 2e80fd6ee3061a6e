// Settings → Wellbeing categories of need, for service managers: the list (with the add form),
// and a page per category to change its name, retire it or bring it back.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { WithServices } from '../../../services.js';
import { presentForm, type PresentedForm, problemsOf } from '../../../platform/forms.js';
import { requireCapability } from '../../../platform/guards.js';

const FLASHES = ['added', 'relabelled', 'retired', 'reinstated'];

export async function wellbeingSettingsRoutes(app: FastifyInstance, { services }: WithServices) {
  const guard = requireCapability(services.access, 'manage_service', 'wellbeing_category.page');
  const flash = (request: FastifyRequest) => {
    const done = (request.query as { done?: unknown } | undefined)?.done;
    return typeof done === 'string' && FLASHES.includes(done)
      ? request.t(`measures.wellbeing.settings.flash.${done}`)
      : undefined;
  };

  async function renderList(
    request: FastifyRequest,
    reply: FastifyReply,
    form?: PresentedForm,
    status = 200,
  ) {
    const { own, categories } = await services.wellbeing.categories(request.actor!);
    return reply.code(status).view('measures/wellbeing/views/settings.njk', {
      own,
      categories,
      form: form ?? presentForm(request.t),
      flash: form ? undefined : flash(request),
    });
  }

  async function renderCategory(
    request: FastifyRequest,
    reply: FastifyReply,
    form?: PresentedForm,
    status = 200,
  ) {
    const { categoryId } = request.params as { categoryId: string };
    const { category, history } = await services.wellbeing.category(request.actor!, categoryId);
    return reply.code(status).view('measures/wellbeing/views/category.njk', {
      category,
      history,
      form: form ?? presentForm(request.t, { label: category.label }),
    });
  }

  app.get('/settings/wellbeing', { preHandler: guard }, (request, reply) =>
    renderList(request, reply),
  );

  app.post('/settings/wellbeing', { preHandler: guard }, async (request, reply) => {
    try {
      await services.wellbeing.addCategory(request.actor!, request.body);
      return reply.redirect('/settings/wellbeing?done=added', 303);
    } catch (error) {
      const { errors, status } = problemsOf(error, 'label');
      return renderList(
        request,
        reply,
        presentForm(request.t, request.body as Record<string, unknown>, errors),
        status,
      );
    }
  });

  app.get('/settings/wellbeing/:categoryId', { preHandler: guard }, (request, reply) =>
    renderCategory(request, reply),
  );

  app.post('/settings/wellbeing/:categoryId', { preHandler: guard }, async (request, reply) => {
    const { categoryId } = request.params as { categoryId: string };
    try {
      await services.wellbeing.relabelCategory(request.actor!, categoryId, request.body);
      return reply.redirect('/settings/wellbeing?done=relabelled', 303);
    } catch (error) {
      const { errors, status } = problemsOf(error, 'label');
      return renderCategory(
        request,
        reply,
        presentForm(request.t, request.body as Record<string, unknown>, errors),
        status,
      );
    }
  });

  for (const action of ['retire', 'reinstate'] as const) {
    app.post(
      `/settings/wellbeing/:categoryId/${action}`,
      { preHandler: guard },
      async (request, reply) => {
        const { categoryId } = request.params as { categoryId: string };
        try {
          if (action === 'retire')
            await services.wellbeing.retireCategory(request.actor!, categoryId);
          else await services.wellbeing.reinstateCategory(request.actor!, categoryId);
          return reply.redirect(
            `/settings/wellbeing?done=${action === 'retire' ? 'retired' : 'reinstated'}`,
            303,
          );
        } catch (error) {
          const { errors, status } = problemsOf(error, 'label');
          return renderCategory(request, reply, presentForm(request.t, {}, errors), status);
        }
      },
    );
  }
}
