// The case kernel's public surface: the one way every case use case reads or changes a case.
export {
  caseKernel,
  CaseChangedError,
  expectedRecord,
  expectedVersion,
  RecordChangedError,
  type CaseChange,
  type CaseColumns,
  type CaseKernel,
  type ChangeCaseOptions,
  type ReadCaseOptions,
} from './kernel.js';
export { loadCase, type CaseRow } from './case-row.js';
export { caseList } from './case-list.js';
export type { CaseEvent, EventParams } from './timeline.js';
export type { CaseDeps } from './deps.js';
export { recordOfCase, type CaseRecordTable } from './records.js';
