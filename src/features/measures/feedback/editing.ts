// A service manager edits the service's questionnaire for each audience. Every save makes a new
// version copied from the latest (questions reworded, retired, brought back or added); old
// responses keep pointing at the version they answered, so they read as they were asked.
import { parseInput } from '../../../platform/forms.js';
import type { Kysely } from 'kysely';
import { withActor } from '../../../db/actor-context.js';
import type { DB } from '../../../db/schema.js';
import type { Actor } from '../../../domain/roles.js';
import { recordAudit } from '../../../platform/audit.js';
import { authorize } from '../../../platform/authorize.js';
import {
  AppError,
  isUniqueViolation,
  notFound,
  validationFailed,
} from '../../../platform/errors.js';
import { translator } from '../../../platform/i18n/index.js';
import { itemIdsEverUsed, latestQuestionnaire } from './queries.js';
import {
  activeItems,
  AUDIENCES,
  itemText,
  MAX_ITEMS,
  nextItems,
  sameItems,
  type Audience,
} from './questionnaire.js';
import { questionnaireEditSchema } from './schemas.js';

const english = translator('en');

function audienceOf(value: string): Audience {
  if (!(AUDIENCES as readonly string[]).includes(value)) throw notFound();
  return value as Audience;
}

export function questionnaireEditing({ db }: { db: Kysely<DB> }) {
  return {
    /** Each audience's questionnaire as asked now, and its earlier versions. */
    async questionnaires(actor: Actor) {
      await authorize(db, actor, 'manage_service', 'questionnaire.viewed');
      return withActor(db, actor, async (tx) => {
        const versions = await tx
          .selectFrom('questionnaires')
          .select(['audience', 'version', 'org_id', 'created_at'])
          .where((eb) => eb.or([eb('org_id', '=', actor.orgId!), eb('org_id', 'is', null)]))
          .orderBy('version', 'desc')
          .execute();
        const audiences = [];
        for (const audience of AUDIENCES) {
          const latest = await latestQuestionnaire(tx, actor.orgId!, audience);
          audiences.push({
            audience,
            latest: { ...latest, asked: activeItems(latest.items).length },
            versions: versions.filter((v) => v.audience === audience),
          });
        }
        return audiences;
      });
    },

    /** The questionnaire asked now, for the editor. */
    async questionnaireForEdit(actor: Actor, audienceParam: string) {
      const audience = audienceOf(audienceParam);
      await authorize(db, actor, 'manage_service', 'questionnaire.viewed');
      return withActor(db, actor, (tx) => latestQuestionnaire(tx, actor.orgId!, audience));
    },

    /** Saves the editor as the next version; a save that changes nothing makes none. */
    async saveQuestionnaire(actor: Actor, audienceParam: string, input: unknown) {
      const audience = audienceOf(audienceParam);
      await authorize(db, actor, 'manage_service', 'questionnaire.saved');
      const data = parseInput(questionnaireEditSchema, input);
      const asked = new Set(data.asked);
      try {
        return await withActor(db, actor, async (tx) => {
          const latest = await latestQuestionnaire(tx, actor.orgId!, audience);
          if (latest.version !== data.base_version)
            throw new AppError('conflict', 'feedback.editor.errors.changedSince', {
              params: { version: latest.version },
            });
          const items = nextItems(
            latest.items,
            {
              items: data.item_id.map((id, i) => ({
                id,
                text: data.item_text[i],
                asked: asked.has(id),
              })),
              added:
                data.new_text && data.new_type
                  ? { text: data.new_text, type: data.new_type }
                  : undefined,
            },
            await itemIdsEverUsed(tx, actor.orgId!, audience),
            (item) => itemText(item, english),
          );
          if (activeItems(items).length === 0)
            throw validationFailed([{ field: 'asked', key: 'feedback.editor.errors.noneAsked' }]);
          if (items.length > MAX_ITEMS)
            throw validationFailed([
              {
                field: 'new_text',
                key: 'feedback.editor.errors.tooMany',
                params: { max: MAX_ITEMS },
              },
            ]);
          if (sameItems(items, latest.items)) return { version: latest.version, changed: false };
          const version = latest.version + 1;
          const created = await tx
            .insertInto('questionnaires')
            .values({ org_id: actor.orgId!, audience, version, items: JSON.stringify(items) })
            .returning('id')
            .executeTakeFirstOrThrow();
          await recordAudit(tx, actor, {
            action: 'questionnaire.saved',
            entityType: 'questionnaire',
            entityId: created.id,
            details: { audience, version, from: latest.version },
          });
          return { version, changed: true };
        });
      } catch (error) {
        // Two managers saving at once: the second is told, and nothing is overwritten.
        if (isUniqueViolation(error))
          throw new AppError('conflict', 'feedback.editor.errors.changedSince', {
            params: { version: data.base_version + 1 },
          });
        throw error;
      }
    },
  };
}
