// The stage moves with the work: how far forward the work recorded has gone beyond a case's
// stage, asked of the lifecycle's own rules (case-lifecycle.ts), for next actions to say so.
import {
  checkTransition,
  principal,
  type CaseAction,
  type CaseFacts,
  type CaseStage,
} from './case-lifecycle.js';

/** The move forward from each stage, in the order the work goes. */
const FORWARD_MOVE: Partial<Record<CaseStage, CaseAction>> = {
  new: 'start_contact',
  contacting: 'begin_assessment',
  assessing: 'begin_preparation',
  preparing: 'begin_intervention',
  intervention: 'begin_follow_up',
};

/**
 * How far forward the work recorded has gone beyond the case's stage: each forward move whose
 * requirements the work meets, in turn, from where the case is (the furthest is the one to
 * offer). Leaving "new" needs more than a lead: someone must have been offered RJ. Never
 * backward, and nothing for a suspended or closed case. The stage itself is the facilitator's
 * to move (a case page shows these moves; the lifecycle rules check each when made).
 */
export function movesTheWorkAllows(facts: CaseFacts): CaseAction[] {
  const moves: CaseAction[] = [];
  let at: CaseFacts = facts;
  if (at.stage === 'new' && !at.participants.some((p) => principal(p) && p.offerAnswer !== null))
    return moves;
  for (let move = FORWARD_MOVE[at.stage]; move; move = FORWARD_MOVE[at.stage]) {
    const result = checkTransition(at, move);
    if (!result.ok) break;
    moves.push(move);
    at = { ...at, stage: result.to, previousStage: at.stage };
  }
  return moves;
}
