// `waymark audit verify`: walks every organisation's audit chain as the database owner (row
// -level security would hide other organisations' events) and recomputes each hash in
// JavaScript, independently of the trigger that wrote it.
import type { Database, OwnerSession } from '../../db/connect.js';
import {
  ChainWalker,
  NO_ORGANISATION_CHAIN,
  type ChainedEvent,
  type ChainProblem,
} from '../../domain/audit-chain.js';

const PAGE = 5_000;

export interface ChainReport {
  chain: string;
  /** The organisation's short name, or null for the chain of events with no organisation. */
  organisation: string | null;
  events: number;
  /** The hash of the chain's last event: record it elsewhere to detect a chain rewritten whole. */
  head: string;
  problem?: ChainProblem;
}

export interface VerifyReport {
  chains: ChainReport[];
  events: number;
  ok: boolean;
  /** The problem with the lowest event id (or the first chain's missing tail). */
  firstProblem?: ChainProblem;
}

const EVENT_COLUMNS = `
  id::text as "id", chain_seq::text as "chainSeq",
  to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as "occurredAt",
  org_id::text as "orgId", user_id::text as "userId", action, entity_type as "entityType",
  entity_id as "entityId", outcome, request_id as "requestId", address,
  details::text as "details", prev_hash as "prevHash", hash,
  audit_chain_id(org_id)::text as "chain"`;

async function walkChains(owner: OwnerSession): Promise<Map<string, ChainWalker>> {
  const walkers = new Map<string, ChainWalker>();
  // The all-zero chain sorts first, and no position is below zero.
  let after = { chain: NO_ORGANISATION_CHAIN, seq: '-1' };
  for (;;) {
    const rows = await owner.query<ChainedEvent & { chain: string }>(
      `select ${EVENT_COLUMNS} from audit_events
       where (audit_chain_id(org_id), chain_seq) > ($1::uuid, $2::bigint)
       order by audit_chain_id(org_id), chain_seq, audit_events.id
       limit ${PAGE}`,
      [after.chain, after.seq],
    );
    for (const row of rows) {
      let walker = walkers.get(row.chain);
      if (!walker) walkers.set(row.chain, (walker = new ChainWalker(row.chain)));
      walker.add(row);
    }
    const last = rows[rows.length - 1];
    if (!last || rows.length < PAGE) return walkers;
    after = { chain: last.chain, seq: last.chainSeq };
  }
}

export async function verifyAuditChains(
  database: Pick<Database, 'withOwner'>,
): Promise<VerifyReport> {
  return database.withOwner(async (owner) => {
    const walkers = await walkChains(owner);
    const heads = await owner.query<{ chain: string; seq: number; hash: string }>(
      'select chain_id::text as chain, seq::int as seq, hash from audit_chain_heads',
    );
    for (const head of heads)
      if (!walkers.has(head.chain)) walkers.set(head.chain, new ChainWalker(head.chain));
    const slugs = new Map(
      (
        await owner.query<{ id: string; slug: string }>('select id::text, slug from organisations')
      ).map((o) => [o.id, o.slug]),
    );
    const chains: ChainReport[] = [...walkers.values()].map((walker) => {
      const head = heads.find((h) => h.chain === walker.chain);
      const problem = walker.finish(head && { seq: Number(head.seq), hash: head.hash });
      return {
        chain: walker.chain,
        organisation:
          walker.chain === NO_ORGANISATION_CHAIN ? null : (slugs.get(walker.chain) ?? walker.chain),
        events: walker.length,
        head: walker.lastHash,
        ...(problem ? { problem } : {}),
      };
    });
    chains.sort((a, b) => (a.organisation ?? '').localeCompare(b.organisation ?? ''));
    const problems = chains.flatMap((c) => (c.problem ? [c.problem] : []));
    problems.sort((a, b) => Number(a.eventId ?? Infinity) - Number(b.eventId ?? Infinity));
    return {
      chains,
      events: chains.reduce((n, c) => n + c.events, 0),
      ok: problems.length === 0,
      ...(problems[0] ? { firstProblem: problems[0] } : {}),
    };
  });
}

/** The report as the command prints it. */
export function describeVerifyReport(report: VerifyReport): string[] {
  const name = (chain: ChainReport) => chain.organisation ?? '(no organisation)';
  const lines = [
    `Audit trail: ${report.events} events in ${report.chains.length} chain${report.chains.length === 1 ? '' : 's'}.`,
  ];
  for (const chain of report.chains) {
    lines.push(
      chain.problem
        ? `  FAILED  ${name(chain)}: ${describeProblem(chain.problem, chain)}`
        : `  ok      ${name(chain)}: ${chain.events} events, head ${chain.head}`,
    );
  }
  if (report.firstProblem) {
    const chain = report.chains.find((c) => c.chain === report.firstProblem!.chain)!;
    lines.push(
      '',
      `The audit trail has been tampered with. First bad row: ${describeProblem(report.firstProblem, chain)}`,
    );
  } else {
    lines.push(
      '',
      'Every chain verifies. Keep the head hashes above somewhere else to detect a chain rewritten whole.',
    );
  }
  return lines;
}

function describeProblem(problem: ChainProblem, chain: ChainReport): string {
  const where = `organisation ${chain.organisation ?? '(none)'}, position ${problem.position}`;
  return problem.eventId === null
    ? `end of chain (${where}): ${problem.reason}`
    : `audit event ${problem.eventId} (${where}): ${problem.reason}`;
}
