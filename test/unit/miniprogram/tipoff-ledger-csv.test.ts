// The rewards ledger the finance officer downloads: one CSV row per reward in tip order, with the
// reader's headers, quoted where needed, no spreadsheet formulas, and no column about a reporter.
import { describe, expect, it } from 'vitest';
import type { RewardItem } from '../../../miniprogram/src/lib/api/tipoff-desk';
import { ledgerCsv } from '../../../miniprogram/src/pages/tipoff-desk/ledger';

function reward(overrides: Partial<RewardItem>): RewardItem {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    tipNumber: 1,
    category: 'abortion_drug_sales',
    amountYuan: 2000,
    status: 'paid',
    proposedAt: '2026-11-02T03:00:00.000Z',
    approvedAt: '2026-11-03T03:00:00.000Z',
    secondApprovedAt: null,
    claimDeadline: '2026-12-15T15:59:59.000Z',
    claimMethod: 'in_person',
    claimedDay: '2026-11-05',
    paidAt: '2026-11-06T03:00:00.000Z',
    paymentReference: 'R-1',
    declineReason: null,
    needsSecondApproval: false,
    hasBankDetails: false,
    can: { approve: false, decline: false, claimInPerson: false, readBankDetails: false, markPaid: false },
    ...overrides,
  } as RewardItem;
}

const labels = {
  headers: [
    'No',
    'Category',
    'Amount',
    'Status',
    'Proposed',
    'Approved',
    'Second',
    'Method',
    'Claimed',
    'Paid',
    'Ref',
  ],
  category: (r: RewardItem) => `cat:${r.category}`,
  status: (r: RewardItem) => `st:${r.status}`,
  method: (r: RewardItem) => (r.claimMethod ? `m:${r.claimMethod}` : ''),
};

describe('rewards ledger CSV', () => {
  it('lists every reward in tip order under the given headers, starting with a byte-order mark', () => {
    const csv = ledgerCsv(
      [
        reward({
          tipNumber: 7,
          amountYuan: 6000,
          status: 'approved',
          paidAt: null,
          paymentReference: null,
          claimMethod: null,
          claimedDay: null,
        }),
        reward({}),
      ],
      labels,
    );
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines).toEqual([
      'No,Category,Amount,Status,Proposed,Approved,Second,Method,Claimed,Paid,Ref',
      '1,cat:abortion_drug_sales,2000,st:paid,2026-11-02,2026-11-03,,m:in_person,2026-11-05,2026-11-06,R-1',
      '7,cat:abortion_drug_sales,6000,st:approved,2026-11-02,2026-11-03,,,,,',
    ]);
  });

  it('quotes commas and quotes, and keeps a reference that looks like a formula as text', () => {
    const csv = ledgerCsv(
      [reward({ paymentReference: '=HYPERLINK("x")' }), reward({ tipNumber: 2, paymentReference: 'A,B' })],
      labels,
    );
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv).toContain('"A,B"');
  });
});
