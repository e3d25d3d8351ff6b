// How a verdict is worded, as keys under `verify` in certificates.json: the public page and the mini
// app's scanner say the same verdict the same way (title, then what it means and what said so).
import type { QrVerdict } from '../../../core/certificates/qr-verdict';

export function verdictTextKeys(verdict: QrVerdict): { title: string; explain: string[] } {
  if (verdict.state === 'not_genuine') {
    return { title: 'result.not_genuine', explain: [`qr.${verdict.reason}`] };
  }
  const meaning =
    verdict.state === 'valid'
      ? 'qr.valid'
      : verdict.state === 'revocation_unknown'
        ? 'qr.revocation_unknown'
        : `explain.${verdict.state}`;
  const source = verdict.revocationSource
    ? [verdict.revocationSource === 'list' ? 'qr.byList' : 'qr.byRegister']
    : [];
  return { title: `result.${verdict.state}`, explain: [meaning, ...source] };
}
