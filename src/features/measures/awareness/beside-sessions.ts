// Which referrals followed which awareness sessions: for the outcomes page.
import { type Tx } from '../../../db/actor-context.js';

/**
 * For each source (an organisation, or a kind of organisation for sessions given to a kind):
 * sessions given, people reached and hours, beside referrals received from it in the period.
 */
export async function referralsBesideSessions(
  tx: Tx,
  orgId: string,
  period: { from: string; to: string },
) {
  const sessions = await tx
    .selectFrom('awareness_sessions')
    .leftJoin('organisations as audience', 'audience.id', 'awareness_sessions.audience_org_id')
    .select([
      'audience.id as orgId',
      'audience.name as orgName',
      'awareness_sessions.audience_kind as kind',
      (eb) => eb.fn.countAll<number>().as('sessions'),
      (eb) => eb.fn.sum<number>('awareness_sessions.attendees').as('attendees'),
      (eb) => eb.fn.sum<number>('awareness_sessions.hours').as('hours'),
    ])
    .where('awareness_sessions.org_id', '=', orgId)
    .where('awareness_sessions.held_on', '>=', period.from)
    .where('awareness_sessions.held_on', '<=', period.to)
    .groupBy(['audience.id', 'audience.name', 'awareness_sessions.audience_kind'])
    .execute();
  const referrals = await tx
    .selectFrom('referrals')
    .leftJoin('organisations as source', 'source.id', 'referrals.source_org_id')
    .select([
      'source.id as orgId',
      'source.name as orgName',
      'source.kind as kind',
      'referrals.source_kind as sourceKind',
      (eb) => eb.fn.countAll<number>().as('referrals'),
    ])
    .where('referrals.org_id', '=', orgId)
    .where('referrals.received_on', '>=', period.from)
    .where('referrals.received_on', '<=', period.to)
    .groupBy(['source.id', 'source.name', 'source.kind', 'referrals.source_kind'])
    .execute();
  const rows = new Map<
    string,
    {
      label: string;
      kind: string | null;
      sessions: number;
      attendees: number;
      hours: number;
      referrals: number;
    }
  >();
  const row = (key: string, label: string, kind: string | null) => {
    if (!rows.has(key))
      rows.set(key, { label, kind, sessions: 0, attendees: 0, hours: 0, referrals: 0 });
    return rows.get(key)!;
  };
  for (const s of sessions) {
    const entry = s.orgId
      ? row(s.orgId, s.orgName!, s.kind)
      : row(`kind:${s.kind ?? 'other'}`, '', s.kind);
    entry.sessions += Number(s.sessions);
    entry.attendees += Number(s.attendees ?? 0);
    entry.hours += Number(s.hours ?? 0);
  }
  for (const r of referrals) {
    const entry = r.orgId
      ? row(r.orgId, r.orgName!, r.kind)
      : row(`self:${r.sourceKind}`, '', null);
    entry.referrals += Number(r.referrals);
  }
  return [...rows.entries()]
    .map(([key, value]) => ({ key, ...value }))
    .sort((a, b) => b.referrals - a.referrals || b.sessions - a.sessions);
}
