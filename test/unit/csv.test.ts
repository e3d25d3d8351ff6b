// CSV cells Excel opens safely: quoted where needed, formulas neutralised, Chinese intact (BOM).
import { describe, expect, it } from 'vitest';
import { CSV_BOM, csvCell, csvRow, csvStream, exportFileName } from '../../core/exports/csv';

async function text(stream: ReadableStream<Uint8Array>) {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(await new Response(stream).arrayBuffer());
}

describe('CSV cells', () => {
  it('prefixes text that a spreadsheet would run as a formula with an apostrophe', () => {
    for (const v of ['=1+1', '+86 138', '-2+3', '@SUM(A1)', '\t=cmd', '\r=cmd'])
      expect(csvCell(v).replace(/^"/, '')).toMatch(/^'/);
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
  });

  it('leaves ordinary text and numbers as they are, negative numbers included', () => {
    expect(csvCell('张小明')).toBe('张小明');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
  });

  it('quotes commas, quotes and line breaks, and ends rows with CRLF', () => {
    expect(csvRow(['a,b', 'say "hi"', 'two\nlines'])).toBe('"a,b","say ""hi""","two\nlines"\r\n');
  });
});

describe('CSV streams', () => {
  it('starts with a byte-order mark and the header, then pulls one page at a time', async () => {
    const pages: (number | undefined)[] = [];
    const stream = csvStream<number>({
      header: ['姓名', '数量'],
      nextPage: async (cursor) => {
        pages.push(cursor);
        return cursor === undefined
          ? { rows: [['李娜', 1]], cursor: 1 }
          : { rows: [['王芳', 2]], cursor: null };
      },
    });
    const csv = await text(stream);
    expect(csv.startsWith(CSV_BOM)).toBe(true);
    expect(csv.slice(1)).toBe('姓名,数量\r\n李娜,1\r\n王芳,2\r\n');
    expect(pages).toEqual([undefined, 1]);
  });

  it('names the file by kind and the day in China', () => {
    expect(exportFileName('applications', new Date('2026-11-30T17:00:00Z'))).toBe(
      'applications-2026-12-01.csv',
    );
  });
});
