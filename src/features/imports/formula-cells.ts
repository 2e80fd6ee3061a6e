// Spreadsheet formula injection: a rejects file is opened in Excel or LibreOffice, which run a
// cell beginning with "=", "+", "-" or "@" (and, in some, one beginning with a tab or carriage
// return) as a formula: `=cmd|' /C calc'!A0`, `=IMPORTXML(...)` sending the sheet elsewhere.
// Such a cell is written with a leading apostrophe, which spreadsheets show as text and hide.
// Reading a CSV takes the apostrophe off again, so a corrected rejects file imports with the
// values as they were first sent (a phone number "+44 ..." stays "+44 ...").

const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell as written to a file people open in a spreadsheet. */
export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** A cell as read from a CSV: the apostrophe neutraliseFormula added, taken off. */
export function restoreNeutralised(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}
