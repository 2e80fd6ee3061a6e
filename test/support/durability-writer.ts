// Child process for the durability test: commits numbered rows one at a time into an embedded
// database and prints each number only after its commit returned, until it is killed.
import { sql } from 'kysely';
import { connectDatabase } from '../../src/db/connect.js';
import { migrate } from '../../src/db/migrate.js';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: durability-writer DATA_DIR');
const database = await connectDatabase({ kind: 'embedded', dataDir });
await migrate(database);
await database.withOwner((owner) =>
  owner.script(
    'create table if not exists durability (n int primary key); grant select, insert on durability to waymark_app',
  ),
);
for (let n = 1; ; n++) {
  await sql`insert into durability (n) values (${n})`.execute(database.db);
  process.stdout.write(`committed ${n}\n`);
}
