/** A cell of a CSV export: text as shown, or a number written with a dot and no grouping. */
export type CsvCell = string | number | null | undefined;

function cell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  let text: string;
  if (typeof value === 'number')
    text = Number.isFinite(value) ? String(value) : '';
  else text = value;
  // RFC 4180: quote fields with a comma, quote or line break, doubling inner quotes. A leading
  // = + - @ would make spreadsheets run a formula (CSV injection), so such text gets a leading quote.
  const safe =
    typeof value === 'string' && /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** RFC 4180 CSV: a header line and one line per record, CRLF line ends. */
export function toCsv(
  header: readonly string[],
  records: readonly (readonly CsvCell[])[],
): string {
  const lines = [header, ...records].map(r => r.map(cell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
