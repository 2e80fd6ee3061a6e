// Practitioner time and travel on a case: each entry (who, when, on what, how long, how far),
// the case's totals, and a manager's totals per practitioner for a period. People record their
// own time; a service manager may record, change or remove anyone's.
import type { CaseDeps } from '../kernel/index.js';
import { changeTime, removeTime } from './change-time.js';
import { recordTime } from './record-time.js';
import { timeReport } from './time-report.js';
import { caseForTime, viewTime, viewTimeEntry } from './view-time.js';

export function caseTimeService(deps: CaseDeps) {
  return {
    tab: viewTime(deps),
    entry: viewTimeEntry(deps),
    caseFor: caseForTime(deps),
    record: recordTime(deps),
    update: changeTime(deps),
    remove: removeTime(deps),
    report: timeReport(deps),
  };
}

export type CaseTimeService = ReturnType<typeof caseTimeService>;
export type { KindTotals } from './records.js';
