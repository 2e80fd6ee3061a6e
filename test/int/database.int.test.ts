import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, listMigrations } from '../../src/db/migrate.js';
import { withActor } from '../../src/db/actor-context.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testBackend } from '../support/backend.js';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.destroy();
});

describe('migrations', () => {
  it('has applied every migration, and applying again changes nothing', async () => {
    const names = await listMigrations();
    const applied = await database.withOwner((owner) =>
      owner.query<{ name: string }>('select name from schema_migrations order by name'),
    );
    expect(applied.map((row) => row.name)).toEqual(names);
    const again = await migrate(database);
    expect(again.applied).toEqual([]);
    expect(again.alreadyApplied).toBe(names.length);
  });

  it('loads the 43 police force areas with their governance', async () => {
    const areas = await database.db.selectFrom('areas').selectAll().execute();
    expect(areas).toHaveLength(43);
    expect(areas.filter((area) => area.country === 'Wales')).toHaveLength(4);
    const governance = await database.db.selectFrom('area_governance').selectAll().execute();
    expect(new Set(governance.map((row) => row.area_id)).size).toBe(43);
    expect(governance.find((row) => row.area_id === 'metropolitan')?.governance).toBe('mayor');
  });

  it('returns the same value shapes on both databases', async () => {
    const row = await sql<{ n: number; d: string; t: Date; avg: number }>`
      select count(*) as n, date '2026-03-01' as d, now() as t, avg(x)::numeric as avg
      from (values (1), (2)) as v(x)`.execute(database.db);
    const [first] = row.rows;
    expect(first).toBeDefined();
    expect(first!.n).toBe(2);
    expect(first!.d).toBe('2026-03-01');
    expect(first!.t).toBeInstanceOf(Date);
    expect(first!.avg).toBe(1.5);
  });
});

describe('the functions case triggers call', () => {
  // Every write to a case's people, contacts, offers, consents, updates, items, follow-ups or
  // checks calls them (migration 0043). As SQL functions they were planned again on each call;
  // with 20,000 cases in a service a change to a person's details took 66 ms, 2 ms now.
  it('are PL/pgSQL with a generic plan, so each connection plans them once', async () => {
    const functions = await database.withOwner((owner) =>
      owner.query<{ name: string; language: string; settings: string[] | null }>(
        `select p.proname as name, l.lanname as language, p.proconfig as settings
         from pg_proc p join pg_language l on l.oid = p.prolang
         where p.proname in ('refresh_case_victims_code', 'refresh_case_update_due',
           'refresh_case_queue_dates')
         order by p.proname`,
      ),
    );
    expect(functions).toEqual(
      ['refresh_case_queue_dates', 'refresh_case_update_due', 'refresh_case_victims_code'].map(
        (name) => ({ name, language: 'plpgsql', settings: ['plan_cache_mode=force_generic_plan'] }),
      ),
    );
  });
});

describe('the policy on accounts', () => {
  // Every statement that names an account (a case's updater, allocations, notes' authors) is
  // planned with this policy. Its referral look-ups are asked by a PL/pgSQL function, planned
  // once per connection, instead of subqueries planned into each statement (migration 0044).
  it('plans no subquery into the statements that read accounts', async () => {
    const [policy] = await database.withOwner((owner) =>
      owner.query<{ qual: string }>(
        `select qual from pg_policies where tablename = 'users' and policyname = 'users_read'`,
      ),
    );
    expect(policy!.qual).toContain('app_account_named_on_visible_referral(id)');
    expect(policy!.qual).not.toMatch(/\bselect\b/i);
    const functions = await database.withOwner((owner) =>
      owner.query<{ language: string; settings: string[] | null; definer: boolean }>(
        `select l.lanname as language, p.proconfig as settings, p.prosecdef as definer
         from pg_proc p join pg_language l on l.oid = p.prolang
         where p.proname = 'app_account_named_on_visible_referral'`,
      ),
    );
    // As the actor (not security definer), so the referrals' own policies still decide.
    expect(functions).toEqual([
      { language: 'plpgsql', settings: ['plan_cache_mode=force_generic_plan'], definer: false },
    ]);
  });
});

describe('the application role', () => {
  it('is not the owner, not a superuser, and cannot bypass row-level security', async () => {
    const result = await sql<{ role: string; superuser: boolean; bypass: boolean }>`
      select current_user as role, rolsuper as superuser, rolbypassrls as bypass
      from pg_roles where rolname = current_user`.execute(database.db);
    expect(result.rows[0]).toEqual({ role: 'waymark_app', superuser: false, bypass: false });
    const owned = await sql<{ n: number }>`
      select count(*) as n from pg_tables where schemaname = 'public' and tableowner = current_user`.execute(
      database.db,
    );
    expect(owned.rows[0]!.n).toBe(0);
  });

  // Requests run short statements whose estimated cost row-level security inflates: compiling
  // them (PostgreSQL's JIT) took two thirds of the queue counts' time with 100,000 cases.
  it.skipIf(testBackend().kind !== 'postgres')(
    'compiles no statement just in time on a server',
    async () => {
      const result = await sql<{ jit: string }>`select current_setting('jit') as jit`.execute(
        database.db,
      );
      expect(result.rows[0]!.jit).toBe('off');
    },
  );

  it('cannot change the schema', async () => {
    await expect(sql`create table intruder (id int)`.execute(database.db)).rejects.toThrow();
    await expect(
      sql`alter table users add column intruder int`.execute(database.db),
    ).rejects.toThrow();
  });

  it('has row-level security with policies on every table that carries org_id', async () => {
    const tables = await database.withOwner((owner) =>
      owner.query<{ table: string; rls: boolean; policies: number }>(`
        select c.relname as table, c.relrowsecurity as rls,
          (select count(*) from pg_policies p where p.tablename = c.relname)::int as policies
        from pg_class c
        join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
        where c.relkind = 'r'
          and (exists (select 1 from information_schema.columns col
                       where col.table_schema = 'public' and col.table_name = c.relname
                         and col.column_name = 'org_id')
            -- Accounts' one-time password links belong to an organisation through their user.
            or c.relname = 'password_tokens')`),
    );
    expect(tables.length).toBeGreaterThan(0);
    for (const table of tables) {
      expect({ table: table.table, rls: table.rls, hasPolicies: table.policies > 0 }).toEqual({
        table: table.table,
        rls: true,
        hasPolicies: true,
      });
    }
  });
});

describe('tenancy in the database', () => {
  it('shows no rows without an acting organisation, and only its own rows with one', async () => {
    const [orgA, orgB] = await database.withOwner(async (owner) => {
      const rows = await owner.query<{ id: string }>(`
        insert into organisations (slug, name, kind) values
          ('tenancy-a', 'Tenancy A', 'rj_service'), ('tenancy-b', 'Tenancy B', 'rj_service')
        returning id`);
      for (const row of rows) {
        await owner.query(
          `insert into audit_events (org_id, action, entity_type, request_id, address)
           values ($1, 'case.viewed', 'case', 'test', 'internal'),
                  ($1, 'case.updated', 'case', 'test', 'internal')`,
          [row.id],
        );
      }
      return rows.map((row) => row.id);
    });

    const withoutContext = await database.db.selectFrom('audit_events').select('org_id').execute();
    expect(withoutContext).toEqual([]);

    const asB = await withActor(
      database.db,
      {
        kind: 'user',
        orgId: orgB!,
        userId: '00000000-0000-4000-8000-000000000000',
        role: 'practitioner',
        name: 'B',
      },
      (tx) => tx.selectFrom('audit_events').select('org_id').execute(),
    );
    expect(asB.length).toBe(2);
    expect(new Set(asB.map((row) => row.org_id))).toEqual(new Set([orgB]));

    // Writing a row for another organisation is refused by the database itself.
    await expect(
      withActor(
        database.db,
        {
          kind: 'user',
          orgId: orgB!,
          userId: '00000000-0000-4000-8000-000000000000',
          role: 'practitioner',
          name: 'B',
        },
        (tx) =>
          tx
            .insertInto('audit_events')
            .values({
              org_id: orgA!,
              action: 'case.updated',
              entity_type: 'case',
              request_id: 'test',
              address: 'internal',
            })
            .execute(),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it('forgets the acting organisation when the transaction ends', async () => {
    const org = await database.withOwner(async (owner) => {
      const [row] = await owner.query<{ id: string }>(
        `insert into organisations (slug, name, kind) values ('tenancy-c', 'Tenancy C', 'rj_service') returning id`,
      );
      await owner.query(
        `insert into audit_events (org_id, action, entity_type, request_id, address)
         values ($1, 'case.viewed', 'case', 'test', 'internal')`,
        [row!.id],
      );
      return row!.id;
    });
    const actor = {
      kind: 'user' as const,
      orgId: org,
      userId: '00000000-0000-4000-8000-000000000000',
      role: 'practitioner' as const,
      name: 'C',
    };
    expect(
      await withActor(database.db, actor, (tx) =>
        tx.selectFrom('audit_events').select('id').execute(),
      ),
    ).toHaveLength(1);
    expect(await database.db.selectFrom('audit_events').select('id').execute()).toHaveLength(0);
  });
});
