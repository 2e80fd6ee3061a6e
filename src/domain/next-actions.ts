// What a facilitator should do next on a case, worked out from the same facts the lifecycle
// rules use, in the order the work usually happens.
import { canWorkWith, type CaseFacts } from './case-lifecycle.js';
import { movesTheWorkAllows } from './stage-with-work.js';
import { isVictimOffenderProcess } from './interventions.js';

export interface NextAction {
  key: string;
  params?: Record<string, string>;
}

/** The dates work on the case falls due (each the earliest of its kind), and today. */
export interface DueContext {
  today: string;
  /** Agreement items not completed whose due date has passed. */
  overdueItems?: { count: number; earliest: string } | null;
  reofferDueOn?: string | null;
  followUpDueOn?: string | null;
  reoffendingDueOn?: string | null;
}

/**
 * What is dated: overdue first, then what falls due later, each with its date, so nothing
 * waiting on a date is hidden behind "nothing to do". A reoffending check comes after closure.
 */
function datedActions(stage: string, c: DueContext): NextAction[] {
  const actions: NextAction[] = [];
  const when = (date: string, inclusive = true) =>
    date < c.today || (inclusive && date === c.today) ? 'Due' : 'Later';
  if (stage !== 'closed') {
    if (c.overdueItems && c.overdueItems.count > 0)
      actions.push({
        key: 'cases.next.agreementOverdue',
        params: { count: String(c.overdueItems.count), date: c.overdueItems.earliest },
      });
    if (c.reofferDueOn)
      actions.push({
        key: `cases.next.reoffer${when(c.reofferDueOn)}`,
        params: { date: c.reofferDueOn },
      });
    if (c.followUpDueOn)
      actions.push({
        key: `cases.next.followUp${when(c.followUpDueOn)}`,
        params: { date: c.followUpDueOn },
      });
  }
  if (c.reoffendingDueOn)
    actions.push({
      key: `cases.next.reoffending${when(c.reoffendingDueOn)}`,
      params: { date: c.reoffendingDueOn },
    });
  return actions;
}

export function nextActions(facts: CaseFacts, context: DueContext): NextAction[] {
  if (facts.stage === 'closed') return datedActions(facts.stage, context);
  if (facts.stage === 'suspended')
    return [{ key: 'cases.next.resume' }, ...datedActions(facts.stage, context)];
  const actions: NextAction[] = datedActions(facts.stage, context);
  // The stage behind the work: say where the work has got to, first.
  const moves = movesTheWorkAllows(facts);
  if (moves.length > 0) actions.push({ key: `cases.next.stageBehind.${moves.at(-1)}` });
  if (!facts.hasLead) actions.push({ key: 'cases.next.allocate' });
  // Completing victim awareness work can prompt an offer of RJ to a person harmed not yet asked.
  const awarenessHeld = facts.interventions.some(
    (i) => i.status === 'held' && i.kind !== undefined && !isVictimOffenderProcess(i.kind),
  );
  for (const p of facts.participants) {
    const name = { name: p.name };
    if (!canWorkWith(p)) {
      actions.push({ key: 'cases.next.withdrawn', params: name });
      continue;
    }
    if (p.role !== 'harmed' && p.role !== 'harmer') continue;
    if (p.offerAnswer === null)
      actions.push({
        key:
          awarenessHeld && p.role === 'harmed'
            ? 'cases.next.offerAfterAwareness'
            : 'cases.next.offer',
        params: name,
      });
    else if (p.offerAnswer === 'yes' && p.consent !== 'given')
      actions.push({ key: 'cases.next.consent', params: name });
    else if (p.consent === 'given' && p.suitability === null)
      actions.push({ key: 'cases.next.assess', params: name });
    else if (p.suitability === 'awaiting_sign_off')
      actions.push({ key: 'cases.next.signOff', params: name });
  }
  const ready = facts.participants.some(
    (p) => p.consent === 'given' && p.suitability === 'suitable',
  );
  const planned = facts.interventions.some((i) => i.status === 'planned');
  const held = facts.interventions.some((i) => i.status === 'held');
  if (ready && !planned && !held) actions.push({ key: 'cases.next.planIntervention' });
  if (planned) actions.push({ key: 'cases.next.recordIntervention' });
  if (held && (facts.stage === 'intervention' || facts.stage === 'follow_up'))
    actions.push({ key: 'cases.next.followUpOrClose' });
  return actions;
}
