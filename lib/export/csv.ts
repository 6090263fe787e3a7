// Writing CSV (RFC 4180): fields with a comma, quote or line break are quoted, quotes doubled.
// Text that a spreadsheet would run as a formula (= + - @ at the start) is prefixed with a
// quote (OWASP's CSV injection advice); numbers are written by the caller and never prefixed.

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell: safe against formula injection, quoted when needed. */
export function csvText(value: string | null | undefined): string {
  if (value === null || value === undefined) return "";
  return quote(FORMULA_START.test(value) ? `'${value}` : value);
}

/** A cell that is already a plain number or code (no prefixing). */
export function csvRaw(value: string | null | undefined): string {
  return value === null || value === undefined ? "" : quote(value);
}

function quote(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Rows of already-encoded cells as CSV text with CRLF line ends. */
export function csvLines(rows: string[][]): string {
  return rows.map((cells) => cells.join(",")).join("\r\n") + "\r\n";
}
