import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell } from '../src/index.ts';

/** A strict RFC 4180 reader for one record. */
function parseRecord(line: string): string[] {
  const cells: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const char = line[i];
        if (char === undefined) throw new Error('unterminated quote');
        if (char === '"') {
          if (line[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += char;
        i++;
      }
      cells.push(value);
      if (i < line.length && line[i] !== ',') throw new Error(`junk after quote at ${i}`);
      i++;
    } else {
      const end = line.indexOf(',', i);
      const stop = end < 0 ? line.length : end;
      const value = line.slice(i, stop);
      if (/["\r\n]/.test(value)) throw new Error('unquoted special character');
      cells.push(value);
      i = stop + 1;
    }
  }
  return cells;
}

describe('csvCell', () => {
  it('neutralises formula triggers with a leading quote', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+44 7700 900123')).toBe("'+44 7700 900123");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a "b", c')).toBe('"a ""b"", c"');
  });

  it('round-trips any row through an RFC 4180 reader, and no cell reads as a formula', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme' }), { minLength: 1, maxLength: 6 }), (row) => {
        const line = row.map(csvCell).join(',');
        const back = parseRecord(line);
        expect(back).toHaveLength(row.length);
        back.forEach((cell, i) => {
          const original = row[i] as string;
          expect(cell).toBe(/^[=+\-@\t\r]/.test(original) ? `'${original}` : original);
          expect(cell).not.toMatch(/^[=+\-@]/);
        });
      }),
    );
  });
});
