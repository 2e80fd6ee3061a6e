// The imports feature's public surface: what other features may import.
export {
  BOM,
  REASON_COLUMN,
  checkColumns,
  chunksOf,
  csvLine,
  isoFromUkDate,
  openCsv,
  rowFields,
  type CsvFile,
  type CsvHeader,
  type CsvRow,
  type RowProblem,
} from './csv.js';
export { fileFailed, importSummaryLine, rjServiceNamed } from './cli-steps.js';
export { fileProblem, isFileProblem } from './problems.js';
export { rejectReason } from './reasons.js';
export { requireReadable, writeRejectsFile } from './files.js';
export { discardUpload, receiveUpload } from './upload.js';
export type { ImportFile } from './service.js';
