// The reports feature's public surface: the report model, and how a page or a download of one
// is answered (the service itself is wired in src/services.ts).
export type { Report } from './model.js';
export { downloadLinks, reportFileName, reportPage, sendCsv, sendWorkbook } from './page.js';
