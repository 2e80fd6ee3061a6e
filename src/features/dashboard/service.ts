// The home page: what each kind of user needs to see first.
import { sql, type Kysely } from 'kysely';
import { withActor } from '../../db/actor-context.js';
import type { DB } from '../../db/schema.js';
import { can, type Actor } from '../../domain/roles.js';
import type { Clock } from '../../platform/clock.js';
import { QUEUES, queueService } from '../cases/index.js';
import { maySeeStaffChanges, staffChangeService } from '../staff-changes/index.js';
import { nationalHeadline } from '../national/index.js';

export interface Card {
  key: string;
  count: number;
  href: string;
}

export function dashboardService({ db, clock }: { db: Kysely<DB>; clock: Clock }) {
  const queues = queueService({ db, clock });
  const staffChanges = staffChangeService({ db, clock });

  async function countOrganisations(): Promise<number> {
    const row = await db
      .selectFrom('organisations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return row.n;
  }

  /** The accounts the actor administers: its organisation's (row-level security agrees). */
  async function countOwnUsers(actor: Actor): Promise<number> {
    return withActor(db, actor, async (tx) => {
      const row = await tx
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('org_id', '=', actor.orgId!)
        .executeTakeFirstOrThrow();
      return row.n;
    });
  }

  async function referralCards(actor: Actor): Promise<Card[]> {
    return withActor(db, actor, async (tx) => {
      const rows = await tx
        .selectFrom('referrals')
        .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
        .where('org_id', '=', actor.orgId!)
        .where('status', 'in', ['received', 'information_requested'])
        .groupBy('status')
        .execute();
      const by = Object.fromEntries(rows.map((r) => [r.status, r.n]));
      return [
        {
          key: 'dashboard.cards.newReferrals',
          count: by.received ?? 0,
          href: '/referrals?status=received',
        },
        {
          key: 'dashboard.cards.waitingReferrals',
          count: by.information_requested ?? 0,
          href: '/referrals?status=information_requested',
        },
      ];
    });
  }

  async function sentCards(actor: Actor): Promise<Card[]> {
    return withActor(db, actor, async (tx) => {
      const rows = await tx
        .selectFrom('referrals')
        .select([
          sql<string>`case when status = 'information_requested' then status else progress end`.as(
            'state',
          ),
          (eb) => eb.fn.countAll<number>().as('n'),
        ])
        .where('source_org_id', '=', actor.orgId!)
        .groupBy(sql`1`)
        .execute();
      const by = Object.fromEntries(rows.map((r) => [r.state, r.n]));
      return [
        { key: 'dashboard.cards.sentReceived', count: by.received ?? 0, href: '/referrals/sent' },
        {
          key: 'dashboard.cards.sentInformationRequested',
          count: by.information_requested ?? 0,
          href: '/referrals/sent',
        },
        {
          key: 'dashboard.cards.sentAccepted',
          count: (by.accepted ?? 0) + (by.in_progress ?? 0),
          href: '/referrals/sent',
        },
      ];
    });
  }

  async function nationalCards(actor: Actor): Promise<Card[]> {
    const headline = await nationalHeadline(db, actor);
    return [
      { key: 'national.cards.areas', count: headline.areas, href: '/national/map' },
      {
        key: 'national.cards.responded',
        count: headline.responded,
        href: headline.year ? `/national/survey/${headline.year}` : '/national/survey',
      },
      {
        key: 'national.cards.reporting',
        count: headline.reporting,
        href: '/national/victims-offered',
      },
    ];
  }

  return {
    async summary(actor: Actor) {
      const cards: Card[] = [];
      if (can(actor, 'administer_system')) {
        cards.push({
          key: 'dashboard.cards.organisations',
          count: await countOrganisations(),
          href: '/admin/organisations',
        });
      }
      if (can(actor, 'administer_organisation')) {
        cards.push({
          key: 'dashboard.cards.users',
          count: await countOwnUsers(actor),
          href: '/admin/users',
        });
      }
      // Accounts changed from outside the organisation are put in front of its managers.
      if (maySeeStaffChanges(actor)) {
        cards.push({
          key: 'dashboard.cards.staffChangesFromOutside',
          count: await staffChanges.countFromOutside(actor),
          href: '/staff-changes?outside=yes',
        });
      }
      if (can(actor, 'triage_referrals')) cards.push(...(await referralCards(actor)));
      if (can(actor, 'work_cases')) {
        const counts = await queues.counts(actor);
        // A volunteer works only the cases allocated to them.
        const shown = can(actor, 'lead_cases') ? QUEUES : (['mine'] as const);
        for (const queue of shown) {
          cards.push({
            key: `cases.queues.names.${queue}`,
            count: counts[queue],
            href: `/cases?queue=${queue}`,
          });
        }
      } else if (actor.kind === 'user' && can(actor, 'refer'))
        cards.push(...(await sentCards(actor)));
      if (can(actor, 'view_national')) cards.push(...(await nationalCards(actor)));
      return { cards };
    },
  };
}
