// CSV for spreadsheets people open in Excel: UTF-8 with a byte-order mark (without it Excel reads
// Chinese as mojibake), CRLF line ends, RFC 4180 quoting, and no formulas — a cell starting with
// = + - @ (or a tab or CR, which Excel strips before looking) gets a leading apostrophe, so a name
// typed as "=HYPERLINK(…)" stays text. Pure: the stream below only pulls pages it is handed.

export const CSV_BOM = '\uFEFF';
export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';

export type CsvValue = string | number | boolean | null | undefined | Date;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = value instanceof Date ? value.toISOString() : String(value);
  // Numbers are written by us, never typed by a person: a negative number stays a number.
  const safe = typeof value !== 'number' && FORMULA_START.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function csvRow(cells: readonly CsvValue[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/**
 * A CSV file as a byte stream: the BOM and header first, then one page of rows per pull, so memory
 * holds one page however long the export. `nextPage` gets the cursor it returned last (undefined at
 * first) and returns its rows and the next cursor, or null as the cursor when it was the last page.
 */
export function csvStream<C>(options: {
  header: readonly string[];
  nextPage: (cursor: C | undefined) => Promise<{ rows: CsvValue[][]; cursor: C | null }>;
  /** Called once with the row count when the last page was written (or the stream failed). */
  onDone?: (rows: number, failed: boolean) => void | Promise<void>;
}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: C | undefined;
  let started = false;
  let count = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (!started) {
          started = true;
          controller.enqueue(encoder.encode(CSV_BOM + csvRow(options.header)));
          return;
        }
        const page = await options.nextPage(cursor);
        count += page.rows.length;
        if (page.rows.length) controller.enqueue(encoder.encode(page.rows.map(csvRow).join('')));
        if (page.cursor === null) {
          await options.onDone?.(count, false);
          controller.close();
        } else cursor = page.cursor;
      } catch (e) {
        await options.onDone?.(count, true);
        controller.error(e);
      }
    },
  });
}

/** `applications-2026-11-30.csv`: the kind and the day (China time) it was taken. */
export function exportFileName(kind: string, now: Date): string {
  const day = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  return `${kind}-${day}.csv`;
}
