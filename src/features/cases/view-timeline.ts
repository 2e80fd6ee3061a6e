// The full timeline of a case, newest first by the day things happened (a contact logged a
// week late sits on the day it was made), then by when they were recorded.
import { sql } from 'kysely';
import type { Actor } from '../../domain/roles.js';
import { caseList, type CaseDeps } from './kernel/index.js';

export const viewTimeline =
  ({ kernel }: CaseDeps) =>
  (actor: Actor, caseId: string) =>
    kernel.readCase(
      { actor, caseId, part: 'timeline', refusedAs: 'case.timeline_viewed' },
      async (tx, row) => {
        const events = await caseList(tx, 'case_events', caseId, 'actorName')
          .select([
            'case_events.id',
            'case_events.kind',
            'case_events.params',
            'case_events.occurred_at as occurredAt',
            'case_events.happened_on as happenedOn',
          ])
          .orderBy(
            sql`coalesce(case_events.happened_on, (case_events.occurred_at at time zone 'Europe/London')::date)`,
            'desc',
          )
          .orderBy('case_events.occurred_at', 'desc')
          .orderBy('case_events.id', 'desc')
          .limit(500)
          .execute();
        return { case: row, events };
      },
    );
