// What the demo cases are made of: the stages they stand at, the kinds of intervention and
// attrition drawn from, and the batch their rows are written in.
import { type Insertable } from 'kysely';
import { type Tx } from '../../db/actor-context.js';
import type { DB } from '../../db/schema.js';
import {
  FORWARD_STAGES,
  type CaseStage,
  type ClosureOutcome,
  type ForwardStage,
} from '../../domain/case-lifecycle.js';
import { INTERVENTION_KINDS, isVictimOffenderProcess } from '../../domain/interventions.js';
import type { UserActor } from '../../domain/roles.js';
import { type Random } from './random.js';

export type Row<T extends keyof DB> = Insertable<DB[T]>;

export interface Staff {
  practitioner: UserActor;
  manager: UserActor;
  volunteer: UserActor;
}

export const STAGE_PLAN: [CaseStage, number][] = [
  ['new', 0.07],
  ['contacting', 0.15],
  ['assessing', 0.14],
  ['preparing', 0.12],
  ['intervention', 0.1],
  ['follow_up', 0.1],
  ['suspended', 0.05],
  ['closed', 0.27],
];
/** Kinds of restorative justice between the people (victim awareness work is planned apart). */
export const KINDS = INTERVENTION_KINDS.filter(isVictimOffenderProcess);
export const ATTRITION: ClosureOutcome[] = [
  'victim_declined',
  'offender_declined',
  'not_suitable',
  'could_not_contact',
  'withdrew_consent',
  'moved_away',
  'victim_awareness_completed',
];

/** A referral this recent is still being contacted: nothing further can have happened yet. */
export const RECENT_DAYS = 21;

export function stageFor(random: Random, ageInDays = Infinity): CaseStage {
  let roll = random.next();
  if (ageInDays < RECENT_DAYS) return roll < 0.5 ? 'new' : 'contacting';
  for (const [stage, share] of STAGE_PLAN) {
    if ((roll -= share) < 0) return stage;
  }
  return 'closed';
}

/** How far along the journey the case got, for what it should hold. */
export const reached = (stage: CaseStage, of: CaseStage) =>
  FORWARD_STAGES.indexOf(stage as ForwardStage) >= FORWARD_STAGES.indexOf(of as ForwardStage);

export class Batch {
  rows: { [T in keyof DB]?: Row<T>[] } = {};
  add<T extends keyof DB>(table: T, row: Row<T>) {
    ((this.rows[table] ??= []) as Row<T>[]).push(row);
  }
  async write(tx: Tx) {
    for (const [table, rows] of Object.entries(this.rows) as [keyof DB, Row<keyof DB>[]][]) {
      for (let start = 0; start < rows.length; start += 400) {
        await tx
          .insertInto(table)
          .values(rows.slice(start, start + 400) as never)
          .execute();
      }
    }
  }
}

export interface DemoCase {
  row: { id: string; org_id: string; sv_da: boolean; received_on: string };
  harmed: { id: string; display_name: string; may_leave_message: boolean | null };
  harmer: { id: string; display_name: string; may_leave_message: boolean | null };
  stage: CaseStage;
  staff: Staff;
  today: string;
}
