// The audit trail's hash chain, checked independently of the database that wrote it
// (docs/adr/0013-audit-hash-chain.md). Each organisation's events form one chain: positions
// 1, 2, 3... with no gaps, each event carrying the hash of the one before it and its own hash
// over that and its canonical content. The database's trigger (migration 0024) computes the
// same function; this one recomputes it, so a row changed, removed or slipped in is found.
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);
export const NO_ORGANISATION_CHAIN = '00000000-0000-0000-0000-000000000000';

/** An audit event as stored, every value as PostgreSQL renders it to text (null stays null). */
export interface ChainedEvent {
  id: string;
  chainSeq: string;
  /** occurred_at in UTC as YYYY-MM-DDTHH:MM:SS.ffffffZ. */
  occurredAt: string;
  orgId: string | null;
  userId: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  outcome: string;
  requestId: string | null;
  address: string | null;
  /** details::text, jsonb's own canonical rendering. */
  details: string;
  prevHash: string;
  hash: string;
}

/** Length in bytes, a colon, the text; "-" for null: no choice of values can be ambiguous. */
function field(value: string | null): string {
  return value === null ? '-' : `${Buffer.byteLength(value, 'utf8')}:${value}`;
}

export function canonicalContent(event: ChainedEvent): string {
  return [
    event.id,
    event.chainSeq,
    event.occurredAt,
    event.orgId,
    event.userId,
    event.action,
    event.entityType,
    event.entityId,
    event.outcome,
    event.requestId,
    event.address,
    event.details,
  ]
    .map(field)
    .join('');
}

export function eventHash(prevHash: string, event: ChainedEvent): string {
  return createHash('sha256')
    .update(`${prevHash}\n${canonicalContent(event)}`, 'utf8')
    .digest('hex');
}

export interface ChainProblem {
  chain: string;
  /** The audit event id of the first row that does not fit, or null when rows are missing at the end. */
  eventId: string | null;
  position: number;
  reason: string;
}

export interface ChainHead {
  seq: number;
  hash: string;
}

/**
 * Follows one chain, event by event, in the order of their positions. Returns the first
 * problem, or the chain's last position and hash. Feed it page by page: it keeps only the
 * previous event.
 */
export class ChainWalker {
  private expectedSeq = 1;
  private previousHash = GENESIS_HASH;
  problem: ChainProblem | undefined;

  constructor(readonly chain: string) {}

  add(event: ChainedEvent): boolean {
    if (this.problem) return false;
    const position = Number(event.chainSeq);
    const fail = (reason: string) => {
      this.problem = { chain: this.chain, eventId: event.id, position, reason };
      return false;
    };
    if (position !== this.expectedSeq) {
      return fail(
        position < this.expectedSeq
          ? `position ${position} appears twice (or the row was slipped in out of order)`
          : `positions ${this.expectedSeq} to ${position - 1} are missing (rows deleted)`,
      );
    }
    if (event.prevHash !== this.previousHash)
      return fail('it does not follow the event before it (previous hash differs)');
    if (eventHash(event.prevHash, event) !== event.hash)
      return fail('its content does not match its hash (the row was changed)');
    this.expectedSeq += 1;
    this.previousHash = event.hash;
    return true;
  }

  /** Checks the end of the chain against the head the database keeps. */
  finish(head: ChainHead | undefined): ChainProblem | undefined {
    if (this.problem) return this.problem;
    const last = this.expectedSeq - 1;
    if (!head) {
      if (last > 0)
        this.problem = {
          chain: this.chain,
          eventId: null,
          position: last,
          reason: 'the chain has no recorded head',
        };
      return this.problem;
    }
    if (head.seq !== last || head.hash !== this.previousHash) {
      this.problem = {
        chain: this.chain,
        eventId: null,
        position: last + 1,
        reason:
          head.seq > last
            ? `the last ${head.seq - last} event(s) of the chain are missing (rows deleted)`
            : 'the chain does not end where its recorded head says',
      };
    }
    return this.problem;
  }

  get length(): number {
    return this.expectedSeq - 1;
  }

  get lastHash(): string {
    return this.previousHash;
  }
}
