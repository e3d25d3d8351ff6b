// The scanner's check of a signed receipt shown to someone (a service-file item's 回执, HYBY1…, or a
// tip-off's signed receipt, HYJB1…): the office's public verify routes answer whether the signature
// holds and what it signs. Neither receipt carries a name, an ID number or a tip's receipt number.
import { callPath } from '../lib/api/client';

export type ReceiptKind = 'service' | 'tip';

/** Which receipt a scanned text is, by its version prefix; null for anything else (a certificate…). */
export function receiptKindOf(text: string): ReceiptKind | null {
  const trimmed = text.trim();
  if (trimmed.startsWith('HYBY1|')) return 'service';
  if (trimmed.startsWith('HYJB1|')) return 'tip';
  return null;
}

export type ReceiptVerdict =
  | { state: 'receipt_valid'; receipt: 'service'; item: string; villageCode: string; verifiedOn: string }
  | {
      state: 'receipt_valid';
      receipt: 'tip';
      number: number;
      day: string;
      category: string;
      registered: boolean;
    }
  | { state: 'receipt_not_genuine'; receipt: ReceiptKind };

interface ServiceAnswer {
  result?: string;
  fields?: { kind?: string; villageCode?: string; verifiedOn?: string };
}
interface TipAnswer {
  valid?: boolean;
  number?: number;
  day?: string;
  category?: string;
  registered?: boolean;
}

/** Asks the office; anything it does not vouch for in full is "not genuine" (fail closed). */
export async function judgeReceipt(text: string, kind: ReceiptKind): Promise<ReceiptVerdict> {
  const receipt = text.trim();
  if (kind === 'service') {
    const answer = await callPath<ServiceAnswer>('POST', '/api/service-file/receipts/verify', {
      json: { receipt },
    });
    const f = answer.fields;
    if (answer.result !== 'valid' || !f?.kind || !f.villageCode || !f.verifiedOn)
      return { state: 'receipt_not_genuine', receipt: kind };
    return {
      state: 'receipt_valid',
      receipt: kind,
      item: f.kind,
      villageCode: f.villageCode,
      verifiedOn: f.verifiedOn,
    };
  }
  const answer = await callPath<TipAnswer>('POST', '/api/public/tips/receipt/verify', {
    json: { signedReceipt: receipt },
  });
  if (answer.valid !== true || answer.number === undefined || !answer.day || !answer.category)
    return { state: 'receipt_not_genuine', receipt: kind };
  return {
    state: 'receipt_valid',
    receipt: kind,
    number: answer.number,
    day: answer.day,
    category: answer.category,
    registered: answer.registered === true,
  };
}
