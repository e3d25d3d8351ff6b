// The rewards ledger as CSV for the finance audit: one row per reward, no reporter data (the API's
// RewardItem has none). Built in the browser from GET /api/rewards; quoted per RFC 4180, with a BOM
// so spreadsheet programs read the Chinese headers as UTF-8.
import type { RewardItem } from '../../lib/api/tipoff-desk';

const quote = (value: string | number | null | undefined): string => {
  const s = value === null || value === undefined ? '' : String(value);
  // A leading = + - @ would be a formula in a spreadsheet: prefix it so it stays text.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export interface LedgerLabels {
  headers: readonly string[];
  category: (r: RewardItem) => string;
  status: (r: RewardItem) => string;
  method: (r: RewardItem) => string;
}

export function ledgerCsv(items: readonly RewardItem[], labels: LedgerLabels): string {
  const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '');
  const rows = [...items]
    .sort((a, b) => a.tipNumber - b.tipNumber)
    .map((r) => [
      r.tipNumber,
      labels.category(r),
      r.amountYuan,
      labels.status(r),
      day(r.proposedAt),
      day(r.approvedAt),
      day(r.secondApprovedAt),
      labels.method(r),
      r.claimedDay ?? '',
      day(r.paidAt),
      r.paymentReference ?? '',
    ]);
  return `\uFEFF${[labels.headers, ...rows].map((row) => row.map(quote).join(',')).join('\r\n')}\r\n`;
}

/** Saves text as a file through a temporary link (works in browsers; Telegram opens it in its viewer). */
export function downloadText(text: string, fileName: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
