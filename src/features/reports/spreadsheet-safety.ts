// Text that goes into a spreadsheet (CSV or XLSX) must not be read as a formula: a cell that
// starts with =, +, -, @, a tab or a carriage return can run one when the file is opened (CSV
// injection, OWASP). Such text gets a leading apostrophe, which spreadsheets show as text.
// Numbers are written as numbers, never through here.
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}
