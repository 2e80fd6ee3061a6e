import { describe, expect, it } from 'vitest';
import {
  ChainWalker,
  canonicalContent,
  eventHash,
  GENESIS_HASH,
  type ChainedEvent,
} from './audit-chain.js';

function chain(length: number): ChainedEvent[] {
  const events: ChainedEvent[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= length; i++) {
    const event: ChainedEvent = {
      id: String(100 + i),
      chainSeq: String(i),
      occurredAt: `2026-01-0${i}T10:00:00.000000Z`,
      orgId: 'org',
      userId: i % 2 ? 'user' : null,
      action: 'case.viewed',
      entityType: 'case',
      entityId: `case-${i}`,
      outcome: 'success',
      requestId: `r${i}`,
      address: '192.0.2.1',
      details: '{}',
      prevHash: prev,
      hash: '',
    };
    event.hash = eventHash(prev, event);
    prev = event.hash;
    events.push(event);
  }
  return events;
}

function walk(events: ChainedEvent[], head = { seq: events.length, hash: events.at(-1)!.hash }) {
  const walker = new ChainWalker('org');
  for (const event of events) walker.add(event);
  return walker.finish(head);
}

describe('the audit chain', () => {
  it('accepts an untouched chain', () => {
    expect(walk(chain(5))).toBeUndefined();
  });

  it('encodes fields unambiguously: moving text between fields changes the content', () => {
    const [event] = chain(1);
    const moved = { ...event!, entityType: 'casec', entityId: 'ase-1' };
    expect(canonicalContent(moved)).not.toBe(canonicalContent(event!));
    expect(canonicalContent({ ...event!, userId: null })).not.toBe(
      canonicalContent({ ...event!, userId: '' }),
    );
  });

  it('names a changed row', () => {
    const events = chain(5);
    events[2] = { ...events[2]!, entityId: 'another-case' };
    expect(walk(events)).toMatchObject({
      eventId: '103',
      position: 3,
      reason: expect.stringContaining('changed'),
    });
  });

  it('names the row after a deleted one', () => {
    const events = chain(5);
    events.splice(1, 1);
    expect(walk(events, { seq: 5, hash: events.at(-1)!.hash })).toMatchObject({
      eventId: '103',
      reason: expect.stringContaining('missing'),
    });
  });

  it('notices the last rows deleted, from the recorded head', () => {
    const events = chain(5);
    const head = { seq: 5, hash: events.at(-1)!.hash };
    expect(walk(events.slice(0, 3), head)).toMatchObject({ eventId: null, position: 4 });
  });

  it('names a row slipped in, even one whose own hash is right', () => {
    const events = chain(3);
    const forged = { ...events[1]!, id: '999', entityId: 'forged', prevHash: events[0]!.hash };
    forged.hash = eventHash(forged.prevHash, forged);
    expect(walk([events[0]!, events[1]!, forged, events[2]!])).toMatchObject({
      eventId: '999',
      reason: expect.stringContaining('appears twice'),
    });
  });

  it('names a re-chained row whose predecessor it does not follow', () => {
    const events = chain(3);
    const rewritten = { ...events[2]!, prevHash: GENESIS_HASH };
    rewritten.hash = eventHash(rewritten.prevHash, rewritten);
    expect(walk([events[0]!, events[1]!, rewritten])).toMatchObject({
      eventId: '103',
      reason: expect.stringContaining('does not follow'),
    });
  });
});
