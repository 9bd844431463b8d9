/** CSV of what a figure shows (RFC 4180 quoting), for the "Download CSV" button. */
export interface CsvColumn {
  key: string;
  label: string;
}

function cell(v: unknown): string {
  let s: string;
  if (typeof v === 'number') s = Number.isFinite(v) ? String(v) : v > 0 ? 'Infinity' : v < 0 ? '-Infinity' : '';
  else if (v === null || v === undefined) s = '';
  else s = String(v);
  // Neutralise spreadsheet formulas in text cells (CSV injection), then quote when needed.
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(columns: CsvColumn[], rows: Record<string, unknown>[]): string {
  const head = columns.map((c) => cell(c.label)).join(',');
  const body = rows.map((r) => columns.map((c) => cell(r[c.key])).join(','));
  return [head, ...body].join('\r\n') + '\r\n';
}

/** A file name from a figure's label: "Final fall against shock" → "final-fall-against-shock.csv". */
export function csvFileName(label: string): string {
  const base = label.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);
  return `${base || 'figure-data'}.csv`;
}
