// Settings → Wellbeing categories of need, for service managers: the list (with the add form),
// and a page per category to change its name, retire it or bring it back.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WithServices } from '../../../services.js';
import { presentForm, problemsOf } from '../../../platform/forms.js';
import { formRoute, type RenderForm } from '../../../platform/form-route.js';
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

  const renderList: RenderForm = async (request, reply, form, status = 200) => {
    const { own, categories } = await services.wellbeing.categories(request.actor!);
    return reply.code(status).view('measures/wellbeing/views/settings.njk', {
      own,
      categories,
      form: form ?? presentForm(request.t),
      flash: form ? undefined : flash(request),
    });
  };

  const renderCategory: RenderForm = async (request, reply, form, status = 200) => {
    const { categoryId } = request.params as { categoryId: string };
    const { category, history } = await services.wellbeing.category(request.actor!, categoryId);
    return reply.code(status).view('measures/wellbeing/views/category.njk', {
      category,
      history,
      form: form ?? presentForm(request.t, { label: category.label }),
    });
  };

  formRoute(app, guard, {
    path: '/settings/wellbeing',
    refusalField: 'label',
    redirectStatus: 303,
    render: renderList,
    async save(request) {
      await services.wellbeing.addCategory(request.actor!, request.body);
      return '/settings/wellbeing?done=added';
    },
  });

  formRoute(app, guard, {
    path: '/settings/wellbeing/:categoryId',
    refusalField: 'label',
    redirectStatus: 303,
    render: renderCategory,
    async save(request) {
      const { categoryId } = request.params as { categoryId: string };
      await services.wellbeing.relabelCategory(request.actor!, categoryId, request.body);
      return '/settings/wellbeing?done=relabelled';
    },
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
