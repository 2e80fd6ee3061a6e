// Retention: the policies (how long each kind of record is kept) and the run that anonymises
// or deletes what is due, organisation by organisation, in short transactions, each anonymised
// record audited in the transaction that changed it. `waymark retention run [--dry-run]` and
// the server's daily job both call run().
import type { Kysely } from 'kysely';
import { withActor } from '../../db/actor-context.js';
import type { DB } from '../../db/schema.js';
import {
  cutoff,
  isPeriod,
  isRecordKind,
  RECORD_KINDS,
  RETENTION_RULES,
  type RecordKind,
} from '../../domain/retention.js';
import type { Actor, SystemActor } from '../../domain/roles.js';
import { recordAudit } from '../../platform/audit.js';
import { authorize } from '../../platform/authorize.js';
import type { Clock } from '../../platform/clock.js';
import { validationFailed } from '../../platform/errors.js';
import { caseKernel, storeFor, type CaseKernel } from '../cases/index.js';
import { KIND_WORK, type Due } from './kinds.js';
import { pruneOutboxFile } from './outbox-file.js';

/** Records handled per transaction: short enough that the embedded database keeps answering. */
const BATCH = 100;

export interface KindReport {
  kind: RecordKind;
  action: 'anonymise' | 'delete';
  period: string;
  /** Records whose clock started before this are due. */
  before: string;
  due: number;
  handled: number;
}

export interface RetentionReport {
  dryRun: boolean;
  kinds: KindReport[];
  /** Referrals staged by imports that were abandoned: never published, always deleted. */
  importLeftovers: { due: number; handled: number };
}

export interface RetentionDependencies {
  db: Kysely<DB>;
  clock: Clock;
  documentsDir?: string;
  /** The file transport's outbox (WAYMARK_MAIL=file), pruned with the outbox kind. */
  outboxFile?: string;
  /** The case kernel, through which each anonymised case is changed (one is made if absent). */
  kernel?: CaseKernel;
  /** Deletes (or counts) one organisation's abandoned import rows: the import service's. */
  sweepImportLeftovers?: (scope: SystemActor, options: { dryRun: boolean }) => Promise<number>;
}

export function retentionService(deps: RetentionDependencies) {
  const { db, clock } = deps;
  const kernel = deps.kernel ?? caseKernel(deps);

  async function policies(actor: Actor) {
    const rows = await withActor(db, actor, (tx) =>
      tx.selectFrom('retention_policies').select(['kind', 'period', 'updated_at']).execute(),
    );
    const periods = new Map(rows.map((r) => [r.kind, r]));
    return RECORD_KINDS.map((kind) => ({
      kind,
      action: RETENTION_RULES[kind].action,
      period: periods.get(kind)?.period ?? RETENTION_RULES[kind].period,
      defaultPeriod: RETENTION_RULES[kind].period,
    }));
  }

  /** Runs one kind for one scope (an organisation, or none) until nothing due is left. */
  async function runKind(kind: RecordKind, actor: SystemActor, due: Due, dryRun: boolean) {
    const work = KIND_WORK[kind];
    const dueCount = await withActor(db, actor, (tx) => work.count(tx, due));
    let handled = 0;
    if (dryRun || dueCount === 0) return { due: dueCount, handled };
    const store = storeFor(deps);
    for (;;) {
      const batch = await withActor(db, actor, (tx) => work.handle(tx, actor, due, BATCH, kernel));
      for (const key of batch.storageKeys ?? []) await store.remove(key);
      handled += batch.handled;
      if (batch.handled === 0 || handled >= dueCount) return { due: dueCount, handled };
    }
  }

  /** Each organisation's abandoned import rows, deleted (or counted on a dry run). */
  async function sweepImportLeftovers(
    actor: SystemActor,
    organisations: { id: string }[],
    dryRun: boolean,
  ) {
    const leftovers = { due: 0, handled: 0 };
    const sweep = deps.sweepImportLeftovers;
    if (!sweep) return leftovers;
    for (const { id } of organisations) {
      const swept = await sweep({ ...actor, orgId: id }, { dryRun });
      leftovers.due += swept;
      if (!dryRun) leftovers.handled += swept;
    }
    return leftovers;
  }

  return {
    policies: async (actor: Actor) => {
      await authorize(db, actor, 'administer_system', 'retention.policies_listed');
      return policies(actor);
    },

    async setPolicy(actor: Actor, kind: unknown, period: unknown) {
      await authorize(db, actor, 'administer_system', 'retention.policy_changed');
      const errors = [
        ...(isRecordKind(kind) ? [] : [{ field: 'record_kind', key: 'retention.errors.kind' }]),
        ...(isPeriod(period) ? [] : [{ field: 'period', key: 'retention.errors.period' }]),
      ];
      if (errors.length > 0) throw validationFailed(errors);
      await withActor(db, actor, async (tx) => {
        await tx
          .updateTable('retention_policies')
          .set({ period: period as string, updated_at: clock.now(), updated_by: actorName(actor) })
          .where('kind', '=', kind as string)
          .execute();
        await recordAudit(tx, actor, {
          action: 'retention.policy_changed',
          entityType: 'retention_policy',
          entityId: kind as string,
          details: { period },
        });
      });
    },

    async run(actor: SystemActor, options: { dryRun?: boolean } = {}): Promise<RetentionReport> {
      await authorize(db, actor, 'administer_system', 'retention.run');
      const dryRun = options.dryRun === true;
      const now = clock.now();
      const organisations = await db
        .selectFrom('organisations')
        .select('id')
        .orderBy('id')
        .execute();
      const kinds: KindReport[] = [];
      for (const policy of await policies(actor)) {
        const before = cutoff(now, policy.period);
        const due: Due = { before, onOrBefore: before.toISOString().slice(0, 10), now };
        const scopes: SystemActor[] =
          KIND_WORK[policy.kind].scope === 'system'
            ? [{ ...actor, orgId: null }]
            : organisations.map((o) => ({ ...actor, orgId: o.id }));
        const report: KindReport = { ...policy, before: before.toISOString(), due: 0, handled: 0 };
        for (const scope of scopes) {
          const result = await runKind(policy.kind, scope, due, dryRun);
          report.due += result.due;
          report.handled += result.handled;
        }
        if (policy.kind === 'outbox' && deps.outboxFile) {
          const lines = await pruneOutboxFile(deps.outboxFile, before, dryRun);
          report.due += lines;
          if (!dryRun) report.handled += lines;
        }
        kinds.push(report);
      }
      const importLeftovers = await sweepImportLeftovers(actor, organisations, dryRun);
      await withActor(db, { ...actor, orgId: null }, (tx) =>
        recordAudit(tx, actor, {
          action: dryRun ? 'retention.dry_run' : 'retention.run',
          entityType: 'retention',
          details: {
            ...Object.fromEntries(kinds.map((k) => [k.kind, { due: k.due, handled: k.handled }])),
            import_leftovers: importLeftovers,
          },
        }),
      );
      return { dryRun, kinds, importLeftovers };
    },
  };
}

function actorName(actor: Actor): string {
  return actor.kind === 'user' || actor.kind === 'system' || actor.kind === 'api'
    ? actor.name
    : 'respondent';
}

export type RetentionService = ReturnType<typeof retentionService>;
