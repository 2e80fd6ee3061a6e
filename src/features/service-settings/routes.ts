import type { FastifyInstance } from 'fastify';
import type { WithServices } from '../../services.js';
import { formRoute } from '../../platform/form-route.js';
import { presentForm } from '../../platform/forms.js';
import { requireCapability } from '../../platform/guards.js';

const PAGE = 'service-settings/views/settings.njk';

export async function serviceSettingsRoutes(app: FastifyInstance, { services }: WithServices) {
  const guard = requireCapability(services.access, 'manage_service', 'settings.page');

  formRoute(app, guard, {
    path: '/settings',
    mistakesOnly: true,
    async render(request, reply, typed, status = 200) {
      if (typed) return reply.code(status).view(PAGE, { form: typed });
      const settings = await services.serviceSettings.get(request.actor!);
      const saved = 'saved' in ((request.query ?? {}) as object);
      return reply.view(PAGE, {
        form: presentForm(request.t, {
          ...settings,
          reoffer_interval_days: String(settings.reoffer_interval_days),
          update_interval_days: String(settings.update_interval_days),
        }),
        flash: saved ? request.t('settings.saved') : undefined,
      });
    },
    async save(request) {
      await services.serviceSettings.update(request.actor!, request.body);
      return '/settings?saved';
    },
  });

  // Who is trained for sexual violence and domestic abuse cases, marked by the service manager.
  app.get('/settings/training', { preHandler: guard }, async (request, reply) => {
    const staff = await services.cases.facilitators(request.actor!);
    const saved = 'saved' in ((request.query ?? {}) as object);
    return reply.view('service-settings/views/training.njk', {
      staff,
      flash: saved ? request.t('settings.training.saved') : undefined,
    });
  });

  app.post('/settings/training/:userId', { preHandler: guard }, async (request, reply) => {
    const { userId } = request.params as { userId: string };
    const trained = (request.body as Record<string, unknown> | undefined)?.trained === 'yes';
    await services.users.markTrainingByManager(request.actor!, userId, trained);
    return reply.redirect('/settings/training?saved');
  });
}
