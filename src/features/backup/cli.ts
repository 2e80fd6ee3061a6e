import type { Command } from '../../cli/command.js';
import { UsageError, withServices } from '../../cli/runtime.js';
import { restoreBackup, writeFileWhole } from '../../db/backup.js';
import { DataDirBusyError, lockDataDir } from '../../db/data-dir-lock.js';
import { verifyAuditChains } from '../audit-integrity/index.js';
import { sendControlCommand } from '../../platform/control-channel.js';
import { withActor } from '../../db/actor-context.js';
import { recordAudit } from '../../platform/audit.js';
import { auditedBackup } from './service.js';
import path from 'node:path';

const operator = { kind: 'system' as const, orgId: null, name: 'command line' };

function refuseServer(databaseUrl: string | undefined, what: string) {
  if (databaseUrl)
    throw new UsageError(
      `${what} is for the embedded database. On a PostgreSQL server use pg_dump and pg_restore, or base backups with WAL archiving for point-in-time recovery (see README.md, "Backup and restore").`,
    );
}

const size = (bytes: number) =>
  bytes >= 1_048_576 ? `${(bytes / 1_048_576).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;

export const BACKUP_COMMANDS: Command[] = [
  {
    name: 'backup',
    summary: 'Back up the embedded database to FILE, consistent even while the server runs',
    usage: 'waymark backup FILE',
    options: {},
    positionals: 1,
    async run(context, _flags, [file]) {
      refuseServer(context.config.databaseUrl, 'waymark backup');
      const target = path.resolve(file!);
      const started = Date.now();
      let bytes: Buffer;
      let via = 'the data folder';
      try {
        bytes = await withServices(context, 'backup', (_services, database) =>
          auditedBackup(database, operator),
        );
      } catch (error) {
        // The server holds the folder: it takes the backup itself, between two transactions.
        if (!(error instanceof DataDirBusyError) || !error.holder.control) throw error;
        bytes = await sendControlCommand(error.holder.control, 'backup');
        via = `the running server (process ${error.holder.pid})`;
      }
      await writeFileWhole(target, bytes);
      context.out(
        `Backed up the embedded database through ${via} to ${target}: ${size(bytes.length)} in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
      );
      return 0;
    },
  },
  {
    name: 'restore',
    summary: 'Replace the embedded database with a backup (the server must be stopped)',
    usage: 'waymark restore FILE',
    options: {},
    positionals: 1,
    async run(context, _flags, [file]) {
      refuseServer(context.config.databaseUrl, 'waymark restore');
      const started = Date.now();
      const lock = lockDataDir(context.config.dataDir, 'restore');
      let report;
      try {
        report = await restoreBackup(path.resolve(file!), context.config.dataDir, {
          documentsDir: context.config.documentsDir,
        });
      } finally {
        lock.release();
      }
      const verified = await withServices(context, 'restore', async (_services, database) => {
        await withActor(database.db, operator, (tx) =>
          recordAudit(tx, operator, {
            action: 'backup.restored',
            entityType: 'database',
            details: { backedUpAt: report.manifest.createdAt },
          }),
        );
        return verifyAuditChains(database);
      });
      context.out(
        `Restored the backup taken at ${report.manifest.createdAt}: ${report.tables} tables, ${report.rows} rows, every table's checksum matches, in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
      );
      if (report.previous)
        context.out(`The database files it replaced are kept in ${report.previous}.`);
      if (report.documentsRestored > 0)
        context.out(
          `${report.documentsRestored} case document(s) missing from the documents folder were put back.`,
        );
      context.out(
        verified.ok
          ? `The audit trail verifies (${verified.events} events).`
          : 'Warning: the restored audit trail does not verify; run waymark audit verify.',
      );
      return verified.ok ? 0 : 1;
    },
  },
];
