// Backing up the embedded database, whether the server is running (it is asked through its
// control channel and takes the backup itself, between transactions) or not (the command opens
// the folder itself). Both write the same file, and both are audited.
import type { Database } from '../../db/connect.js';
import { backupBytes } from '../../db/backup.js';
import { withActor } from '../../db/actor-context.js';
import type { SystemActor } from '../../domain/roles.js';
import { recordAudit } from '../../platform/audit.js';

export async function auditedBackup(database: Database, actor: SystemActor): Promise<Buffer> {
  const bytes = await backupBytes(database);
  await withActor(database.db, actor, (tx) =>
    recordAudit(tx, actor, {
      action: 'backup.created',
      entityType: 'database',
      details: { bytes: bytes.length },
    }),
  );
  return bytes;
}
