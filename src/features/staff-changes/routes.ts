import type { FastifyInstance } from 'fastify';
import type { WithServices } from '../../services.js';
import { requireSignedIn } from '../../platform/guards.js';
import type { Translate } from '../../platform/i18n/index.js';
import { isRole } from '../../domain/roles.js';
import type { StaffChange } from './service.js';

/** What happened, in words: "Added as Practitioner", "Role changed from … to …". */
function describe(t: Translate, change: StaffChange): string {
  const role = (value: unknown) => (isRole(value) ? t(`roles.${value}`) : '');
  const details = change.details ?? {};
  return t(`staffChanges.actions.${change.action.replace('.', '_')}`, {
    role: role(details.role),
    from: role(details.from),
    to: role(details.to),
  });
}

function byWhom(t: Translate, change: StaffChange): string {
  if (change.actorName) return change.actorName;
  return change.via ? t('staffChanges.via', { via: change.via }) : t('staffChanges.unknown');
}

export async function staffChangeRoutes(app: FastifyInstance, { services }: WithServices) {
  app.get('/staff-changes', { preHandler: requireSignedIn }, async (request, reply) => {
    const { outside, changes } = await services.staffChanges.list(request.actor!, request.query);
    return reply.view('staff-changes/views/list.njk', {
      outside,
      rows: changes.map((change) => ({
        id: change.id,
        occurredAt: change.occurredAt,
        what: describe(request.t, change),
        subject:
          change.subjectName ??
          request.t(
            change.entityType === 'api_token' ? 'staffChanges.apiToken' : 'staffChanges.noAccount',
          ),
        by: byWhom(request.t, change),
        fromOutside: change.fromOutside,
        outsideOrg: change.byOrgName,
        refused: change.outcome !== 'success',
      })),
    });
  });
}
