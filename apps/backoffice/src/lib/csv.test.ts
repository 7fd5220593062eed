import { describe, expect, it } from 'vitest';
import { parseCsv, toCsv, type CsvColumn } from './csv';

interface Row {
  label: string;
  gross: number;
}
const columns: CsvColumn<Row>[] = [
  { header: 'Name', value: (r) => r.label },
  { header: 'Gross', value: (r) => (r.gross / 100).toFixed(2) },
];

describe('CSV export', () => {
  it('round-trips names with commas, quotes, newlines and accents', () => {
    const rows: Row[] = [
      { label: 'Café, "grand"', gross: 450 },
      { label: 'Croque\nmonsieur', gross: 1250 },
      { label: 'Crème brûlée', gross: 0 },
    ];
    const csv = toCsv(columns, rows);
    expect(parseCsv(csv)).toEqual({
      header: ['Name', 'Gross'],
      rows: [
        ['Café, "grand"', '4.50'],
        ['Croque\nmonsieur', '12.50'],
        ['Crème brûlée', '0.00'],
      ],
    });
  });

  it('neutralises spreadsheet formulas in text cells', () => {
    const csv = toCsv(columns, [{ label: '=HYPERLINK("http://x")', gross: 1 }]);
    expect(parseCsv(csv).rows[0]?.[0]).toBe(`'=HYPERLINK("http://x")`);
  });

  it('writes the header alone for no rows', () => {
    expect(parseCsv(toCsv(columns, [])).rows).toEqual([]);
    expect(toCsv(columns, []).trim()).toBe('Name,Gross');
  });
});
