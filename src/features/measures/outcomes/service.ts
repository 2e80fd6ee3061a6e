// The service outcomes page: what a service achieved in a period, each figure with the number
// of people (or cases) it rests on.
import type { Kysely } from 'kysely';
import { withActor } from '../../../db/actor-context.js';
import type { DB } from '../../../db/schema.js';
import { CLOSURE_OUTCOMES } from '../../../domain/case-lifecycle.js';
import {
  agreementRate,
  changeDistribution,
  distanceTravelled,
  median,
  recommendationRate,
  reoffendingRate,
  tally,
  type Rate,
} from '../../../domain/measures.js';
import type { Actor } from '../../../domain/roles.js';
import { workingDaysBetween } from '../../../domain/working-days.js';
import { recordAudit } from '../../../platform/audit.js';
import { authorize } from '../../../platform/authorize.js';
import type { Clock } from '../../../platform/clock.js';
import { londonDate } from '../../../platform/format.js';
import { requirePeriod, yearToDate } from '../../../platform/period.js';
import { loadHolidays } from '../../bank-holidays/index.js';
import * as q from './queries.js';

export interface ItemRate {
  itemId: string;
  type: string;
  rate: Rate;
}

function satisfaction(responses: Awaited<ReturnType<typeof q.satisfactionAnswers>>) {
  return (['harmed', 'harmer'] as const).map((audience) => {
    const mine = responses.filter((r) => r.audience === audience);
    const itemIds = new Map<string, string>();
    for (const response of mine)
      for (const item of response.items)
        if (item.type === 'likert' || item.type === 'recommend') itemIds.set(item.id, item.type);
    const items: ItemRate[] = [...itemIds].map(([itemId, type]) => {
      const answers = mine.map((r) => r.answers[itemId]);
      return {
        itemId,
        type,
        rate:
          type === 'likert'
            ? agreementRate(
                answers.map((a) =>
                  typeof a === 'number'
                    ? a
                    : typeof a === 'string' && /^[1-5]$/.test(a)
                      ? Number(a)
                      : null,
                ),
              )
            : recommendationRate(answers as string[]),
      };
    });
    return { audience, responses: mine.length, items };
  });
}

export function outcomesService({ db, clock }: { db: Kysely<DB>; clock: Clock }) {
  return {
    async forPeriod(actor: Actor, query: unknown) {
      await authorize(db, actor, 'manage_service', 'outcomes.viewed');
      const period = requirePeriod(query, yearToDate(londonDate(clock.now())));
      const holidays = await loadHolidays(db);
      return withActor(db, actor, async (tx) => {
        const orgId = actor.orgId!;
        const cats = await q.categories(tx, orgId);
        const pairs = await q.wellbeingPairs(tx, orgId, period);
        const usedCategories = cats.filter((c) =>
          pairs.some((p) => p.entry?.has(c.id) || p.exit.has(c.id)),
        );
        const distances = pairs.map((p) =>
          distanceTravelled(
            p.entry,
            p.exit,
            usedCategories.map((c) => c.id),
          ),
        );
        const compared = distances.filter((d) => d.overall !== null);
        const perCategory = usedCategories.map((category) => {
          const changes = distances
            .map((d) => d.perCategory.find((c) => c.categoryId === category.id)?.change)
            .filter((c): c is number => c !== null && c !== undefined);
          return {
            categoryId: category.id,
            label: category.label,
            retired: category.retired_at !== null,
            median: median(changes),
            people: changes.length,
            distribution: changeDistribution(changes),
          };
        });
        const time = await q.timePerCase(tx, orgId, period);
        const hoursPerCase = time.map((row) => Number(row.minutes) / 60);
        const firstContacts = (await q.firstContacts(tx, orgId, period)).map((row) =>
          workingDaysBetween(row.receivedOn, row.firstContactOn!, holidays),
        );
        const closures = await q.closures(tx, orgId, period);
        await recordAudit(tx, actor, { action: 'outcomes.viewed', details: { ...period } });
        return {
          period,
          satisfaction: satisfaction(await q.satisfactionAnswers(tx, orgId, period)),
          wellbeing: {
            people: pairs.length,
            compared: compared.length,
            onlyExit: pairs.filter((p) => p.entry === null).length,
            overallMedian: median(compared.map((d) => d.overall!)),
            overallDistribution: changeDistribution(compared.map((d) => Math.round(d.overall!))),
            perCategory,
          },
          reoffending: reoffendingRate(
            (await q.reoffendingResults(tx, orgId, period)).map((r) => r.further_offence),
          ),
          testimonials: await q.approvedTestimonials(tx, orgId, period),
          awareness: await q.awarenessTotals(tx, orgId, period),
          time: {
            cases: time.length,
            totalHours: hoursPerCase.reduce((a, b) => a + b, 0),
            totalMiles: time.reduce((a, row) => a + Number(row.miles), 0),
            medianHoursPerCase: median(hoursPerCase),
            meanHoursPerCase: time.length
              ? hoursPerCase.reduce((a, b) => a + b, 0) / time.length
              : null,
          },
          firstContact: { cases: firstContacts.length, medianWorkingDays: median(firstContacts) },
          closures: {
            cases: closures.length,
            byOutcome: tally(
              closures.map((c) => c.closure_outcome as (typeof CLOSURE_OUTCOMES)[number] | null),
              CLOSURE_OUTCOMES,
            ),
          },
        };
      });
    },
  };
}

export type OutcomesService = ReturnType<typeof outcomesService>;
export type Outcomes = Awaited<ReturnType<OutcomesService['forPeriod']>>;
