// The case feature's public surface, and the service of the case itself (reading it, moving it
// through its stages, allocating it, notes). The parts of a case (people, contacts,
// assessments, interventions...) are folders beside this one, each with its own index.ts.
import { withActor } from '../../db/actor-context.js';
import type { Actor } from '../../domain/roles.js';
import { addCaseNote } from './add-case-note.js';
import { allocateCase } from './allocate-case.js';
import { changeStage, type StageHooks } from './change-stage.js';
import type { CaseDeps } from './kernel/index.js';
import { pickUpCase } from './pick-up-case.js';
import { searchCases } from './search/search-cases.js';
import { facilitatorsOf } from './staff.js';
import { viewCase, type CaseSummaryParts } from './view-case.js';
import { viewTimeline } from './view-timeline.js';

export interface CaseServiceDeps extends CaseDeps {
  stageHooks: StageHooks;
  summaryParts: CaseSummaryParts;
}

export function caseService(deps: CaseServiceDeps) {
  return {
    get: viewCase(deps, deps.summaryParts),
    timeline: viewTimeline(deps),
    transition: changeStage(deps, deps.stageHooks),
    /** Staff who may be allocated, with whether they are trained for SV/DA cases. */
    facilitators: (actor: Actor) =>
      withActor(deps.db, actor, (tx) => facilitatorsOf(tx, actor.orgId!)),
    allocate: allocateCase(deps),
    pickUp: pickUpCase(deps),
    addNote: addCaseNote(deps),
    /** Every case of the service, closed ones too, by reference, name or filter. */
    search: searchCases(deps),
  };
}

export type CaseService = ReturnType<typeof caseService>;

export * from './kernel/index.js';
export type { StageHooks } from './change-stage.js';
export type { CaseSummaryParts, DistanceOnCase } from './view-case.js';
export { participantOf, requireCanWorkWith, type Participant } from './people/index.js';
export { caseHeader } from './presenters.js';
export { documentStore, storeFor, type DocumentStore } from './documents/index.js';
export { QUEUES, queueService } from './queues.js';
