// Embedded databases handed from one test file to the next in the same vitest worker. Starting
// a PGlite from the migrated snapshot costs most of a second of CPU, and a new one runs cold
// for a while after (on the two-CPU machine the suite runs on, CPU is what the run is short
// of); putting one back as the snapshot left it costs about 0.2 s. Reusing them halved the
// embedded integration tests' CPU time. A database goes back into use only if it is, by every
// measure a test could have changed, the one a new file would get:
//   - every table's rows: tables the migrations seeded are restored from a copy taken when the
//     database was new, the rest are emptied (restarting their identities);
//   - every sequence's position;
//   - the schema, roles, policies, triggers, functions, grants and settings, compared by a
//     fingerprint taken when it was new. A file that changed any of these (a migration test, a
//     test that drops a trigger) leaves a database that is closed instead of reused.
//   - the session's settings, reset (the app sets its actor context per transaction anyway, and
//     the owner's work runs with the role reset and set back).
import type { Database, OwnerSession } from '../../src/db/connect.js';

/** A condition on a schema name: one a test could write to, not PostgreSQL's own. */
const userSchema = (column: string) =>
  `${column} not in ('pg_catalog', 'information_schema') and ${column} not like 'pg\\_%'`;

interface Baseline {
  fingerprint: string;
  /** One statement that empties every table and puts back the seeded rows and sequences. */
  restore: string;
}

const BASELINE_SCHEMA = 'waymark_test_baseline';
const baselines = new WeakMap<Database, Baseline>();
const idle: Database[] = [];
/** No more than this many spare databases are kept per worker. */
const KEEP = 2;

/** A database a finished file put back, or undefined if there is none. */
export function reusedDatabase(): Database | undefined {
  return idle.pop();
}

/** Remembers what a new database holds, so that it can be put back that way later. */
export async function rememberBaseline(database: Database): Promise<void> {
  baselines.set(database, await database.withOwner(takeBaseline));
}

/**
 * Puts a database back as it was new, for the next file; closes it instead if it cannot be, or
 * if enough are kept already.
 */
export async function putBack(database: Database): Promise<void> {
  if (idle.includes(database)) return;
  const baseline = baselines.get(database);
  const reusable =
    baseline !== undefined &&
    idle.length < KEEP &&
    (await database
      .withOwner(async (owner) => {
        await owner.script('rollback');
        if ((await fingerprint(owner)) !== baseline.fingerprint) return false;
        await owner.script(baseline.restore);
        return true;
      })
      .catch(() => false));
  if (reusable) idle.push(database);
  else await database.close();
}

async function takeBaseline(owner: OwnerSession): Promise<Baseline> {
  const tables = await owner.query<{ name: string; columns: string }>(
    `select format('%I.%I', n.nspname, c.relname) as name,
            (select string_agg(format('%I', a.attname), ', ' order by a.attnum)
               from pg_attribute a
              where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
                and a.attgenerated = '') as columns
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind = 'r' and ${userSchema('n.nspname')}
      order by 1`,
  );
  const seeded: typeof tables = [];
  for (const table of tables) {
    const [row] = await owner.query<{ any: boolean }>(
      `select exists (select from ${table.name}) as any`,
    );
    if (row!.any) seeded.push(table);
  }
  await owner.script(
    [
      `create schema ${BASELINE_SCHEMA}`,
      ...seeded.map((t) => `create table ${copyOf(t.name)} as table ${t.name}`),
    ].join(';\n'),
  );

  const sequences = await owner.query<{ name: string }>(
    `select format('%I.%I', schemaname, sequencename) as name from pg_sequences`,
  );
  const positions: string[] = [];
  for (const { name } of sequences) {
    const [row] = await owner.query<{ last_value: number; is_called: boolean }>(
      `select last_value, is_called from ${name}`,
    );
    positions.push(`select setval('${name}', ${row!.last_value}, ${row!.is_called})`);
  }

  const restore = [
    // Triggers and foreign keys stay quiet while the seeded rows go back exactly as they were.
    'set session_replication_role = replica',
    `truncate ${tables.map((t) => t.name).join(', ')} restart identity cascade`,
    ...seeded.map(
      (t) =>
        `insert into ${t.name} (${t.columns}) overriding system value ` +
        `select ${t.columns} from ${copyOf(t.name)}`,
    ),
    ...positions,
    // Any setting a test changed for the session (the role is set back by withOwner).
    'reset all',
  ].join(';\n');
  return { fingerprint: await fingerprint(owner), restore };
}

const copyOf = (table: string) => `${BASELINE_SCHEMA}."${table.replaceAll('"', '')}"`;

/** What a test could change besides rows, as one hash. */
async function fingerprint(owner: OwnerSession): Promise<string> {
  const [row] = await owner.query<{ hash: string }>(
    `select md5(string_agg(item, E'\\n' order by item)) as hash from (
       select format('class %s %s %s %s %s', c.oid::regclass, c.relkind, c.relacl,
                     c.relrowsecurity, c.relforcerowsecurity)
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where ${userSchema('n.nspname')}
       union all
       select format('column %s.%s %s %s %s', a.attrelid::regclass, a.attname, a.atttypid,
                     a.attnotnull, pg_get_expr(d.adbin, d.adrelid))
         from pg_attribute a
         join pg_class c on c.oid = a.attrelid
         join pg_namespace n on n.oid = c.relnamespace
         left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
        where a.attnum > 0 and not a.attisdropped
          and ${userSchema('n.nspname')}
       union all
       select format('constraint %s %s %s %s', c.conrelid::regclass, c.conname,
                     pg_get_constraintdef(c.oid), c.convalidated)
         from pg_constraint c join pg_namespace n on n.oid = c.connamespace
        where ${userSchema('n.nspname')}
       union all
       select format('trigger %s %s %s', tgrelid::regclass, tgname, tgenabled)
         from pg_trigger where not tgisinternal
       union all
       select format('policy %s %s %s %s %s', polrelid::regclass, polname,
                     pg_get_expr(polqual, polrelid), pg_get_expr(polwithcheck, polrelid), polroles)
         from pg_policy
       union all
       select format('function %s %s %s %s', p.oid::regprocedure, md5(p.prosrc), p.proacl,
                     p.proconfig)
         from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where ${userSchema('n.nspname')}
       union all
       select format('role %s %s %s %s %s %s', rolname, rolsuper, rolinherit, rolcanlogin,
                     rolbypassrls, rolconfig)
         from pg_roles
       union all
       select format('member %s %s', roleid::regrole, member::regrole) from pg_auth_members
       union all
       select format('schema %s %s', nspname, nspacl) from pg_namespace
       union all
       select format('setting %s %s %s', setdatabase, setrole, setconfig) from pg_db_role_setting
       union all
       select format('default acl %s %s %s', defaclrole, defaclobjtype, defaclacl)
         from pg_default_acl
       union all
       select format('database %s %s', datname, datacl) from pg_database
       union all
       select format('extension %s %s', extname, extversion) from pg_extension
       union all
       select format('type %s', t.oid::regtype)
         from pg_type t join pg_namespace n on n.oid = t.typnamespace
        where ${userSchema('n.nspname')}
     ) items(item)`,
  );
  return row!.hash;
}
