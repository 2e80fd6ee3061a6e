// The home page: what each kind of user needs to see first.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { can, type Actor } from '../../domain/roles.js';

export function dashboardService({ db }: { db: Kysely<DB> }) {
  async function count(table: 'organisations' | 'users'): Promise<number> {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return row.n;
  }

  return {
    async summary(actor: Actor) {
      const cards: { key: string; count: number; href: string }[] = [];
      if (can(actor, 'administer')) {
        cards.push({
          key: 'dashboard.cards.organisations',
          count: await count('organisations'),
          href: '/admin/organisations',
        });
        cards.push({
          key: 'dashboard.cards.users',
          count: await count('users'),
          href: '/admin/users',
        });
      }
      return { cards };
    },
  };
}
