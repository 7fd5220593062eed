import Papa from 'papaparse';

/** One CSV column: its header and how a row's cell is written. */
export interface CsvColumn<Row> {
  header: string;
  value: (row: Row) => string | number;
}

/**
 * Writes exactly `rows` (the rows on screen, in their order) as CSV through papaparse: quoting,
 * embedded quotes and newlines are the library's job. Cells starting with `=`, `+`, `-`, `@`
 * are escaped so a spreadsheet does not run an item name as a formula.
 */
export function toCsv<Row>(columns: readonly CsvColumn<Row>[], rows: readonly Row[]): string {
  return Papa.unparse(
    {
      fields: columns.map((c) => c.header),
      data: rows.map((row) => columns.map((c) => c.value(row))),
    },
    { escapeFormulae: true, newline: '\r\n' },
  );
}

/** Reads CSV written by `toCsv` back into header + rows of strings (tests, imports). */
export function parseCsv(csv: string): { header: string[]; rows: string[][] } {
  const parsed = Papa.parse<string[]>(csv, { skipEmptyLines: true });
  const [header = [], ...rows] = parsed.data;
  return { header, rows };
}

/** Offers `csv` as a file download (a Blob URL; nothing leaves the browser). */
export function downloadCsv(filename: string, csv: string): void {
  // The BOM makes spreadsheet apps read the file as UTF-8 (accents in item names).
  const url = URL.createObjectURL(new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
