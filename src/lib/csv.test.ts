import { toCsv, csvFileName } from './csv';

describe('toCsv', () => {
  it('writes a header and rows with RFC 4180 quoting', () => {
    const csv = toCsv(
      [{ key: 'a', label: 'Shock (%)' }, { key: 'b', label: 'Note, with comma' }],
      [{ a: 1.5, b: 'say "hi"' }, { a: Infinity, b: null }, { a: Number.NaN, b: 'line\nbreak' }],
    );
    expect(csv).toBe('Shock (%),"Note, with comma"\r\n1.5,"say ""hi"""\r\nInfinity,\r\n,"line\nbreak"\r\n');
  });
  it('neutralises spreadsheet formulas in text cells', () => {
    expect(toCsv([{ key: 'x', label: 'x' }], [{ x: '=HYPERLINK("x")' }])).toContain(`"'=HYPERLINK(""x"")"`);
    expect(toCsv([{ key: 'x', label: 'x' }], [{ x: -3 }])).toContain('\r\n-3\r\n');
  });
  it('makes safe file names', () => {
    expect(csvFileName('Final fall against the size of the initial shock')).toBe('final-fall-against-the-size-of-the-initial-shock.csv');
    expect(csvFileName('***')).toBe('figure-data.csv');
  });
});
