// The responses a service received in a period, with their answers: what satisfaction rates are
// computed from. For a manager; audited with how many were read.
import { withActor } from '../../../db/actor-context.js';
import type { Actor } from '../../../domain/roles.js';
import { recordAudit } from '../../../platform/audit.js';
import { authorize } from '../../../platform/authorize.js';
import type { CaseDeps } from '../../cases/index.js';
import { readItems, type Answer, type ItemType } from './questionnaire.js';

/** A response's answers with each item's kind, for computing rates. */
export interface ResponseForPeriod {
  id: string;
  audience: 'harmed' | 'harmer';
  version: number;
  channel: string;
  respondedOn: string;
  answers: { itemId: string; type: ItemType; value: Answer }[];
}

/**
 * Every response given in a period (dates inclusive) with its answers, each with its item's
 * id and kind and the audience: what satisfaction rates are computed from
 * (agreementRate and recommendationRate in src/domain/measures.ts).
 */
export const responsesForPeriod =
  ({ db }: CaseDeps) =>
  async (actor: Actor, period: { from: string; to: string }): Promise<ResponseForPeriod[]> => {
    await authorize(db, actor, 'manage_service', 'feedback.responses_read');
    return withActor(db, actor, async (tx) => {
      const rows = await tx
        .selectFrom('questionnaire_responses as r')
        .innerJoin('questionnaires as q', 'q.id', 'r.questionnaire_id')
        .select([
          'r.id',
          'q.audience',
          'q.version',
          'q.items',
          'r.channel',
          'r.responded_on',
          'r.answers',
        ])
        .where('r.org_id', '=', actor.orgId!)
        .where('r.responded_on', '>=', period.from)
        .where('r.responded_on', '<=', period.to)
        .orderBy('r.responded_on')
        .execute();
      await recordAudit(tx, actor, {
        action: 'feedback.responses_read',
        details: { from: period.from, to: period.to, responses: rows.length },
      });
      return rows.map((row) => {
        const answers = row.answers as Record<string, Answer>;
        return {
          id: row.id,
          audience: row.audience,
          version: row.version,
          channel: row.channel,
          respondedOn: row.responded_on,
          answers: readItems(row.items)
            .filter((item) => answers[item.id] !== undefined)
            .map((item) => ({ itemId: item.id, type: item.type, value: answers[item.id]! })),
        };
      });
    });
  };
