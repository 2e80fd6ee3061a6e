// What a facilitator should do next on a case, worked out from the same facts the lifecycle
// rules use, in the order the work usually happens.
import { canWorkWith, type CaseFacts } from './case-lifecycle.js';

export interface NextAction {
  key: string;
  params?: Record<string, string>;
}

export function nextActions(facts: CaseFacts, _context: { today: string }): NextAction[] {
  if (facts.stage === 'closed') return [];
  if (facts.stage === 'suspended') return [{ key: 'cases.next.resume' }];
  const actions: NextAction[] = [];
  if (!facts.hasLead) actions.push({ key: 'cases.next.allocate' });
  for (const p of facts.participants) {
    const name = { name: p.name };
    if (!canWorkWith(p)) {
      actions.push({ key: 'cases.next.withdrawn', params: name });
      continue;
    }
    if (p.role !== 'harmed' && p.role !== 'harmer') continue;
    if (p.offerAnswer === null) actions.push({ key: 'cases.next.offer', params: name });
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
