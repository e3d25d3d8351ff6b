// The script of the public verification page (/verify/<serial>, built to /app/verify/verify.js). It
// checks the QR payload after '#' in this browser — Ed25519 signature, serial, the signed list of
// revoked certificates, the register's answer the server already put in the page — and shows one
// verdict. The payload is never sent anywhere, except by the server fallback the person asks for.
import type { CertificatePayloadFields } from '../../../core/certificates/certificate-signing';
import { judgeQrPayload, type QrVerdict, type RegisterResult } from '../../../core/certificates/qr-verdict';
import { loadVerificationMaterial, supportsEd25519 } from './material';
import { verdictTextKeys } from './verdict-text';

interface PageData {
  serial: string;
  register: RegisterResult | null;
  texts: Record<string, string>;
  sexes: Record<string, string>;
  marital: Record<string, string>;
}

/** 'unchecked' (neutral): the signature could not be checked here — no keys, or no Ed25519 yet. */
type State = 'valid' | 'expired' | 'revoked' | 'not_genuine' | 'revocation_unknown' | 'unchecked';

const data = JSON.parse(document.getElementById('verify-data')?.textContent ?? '{}') as PageData;
const text = (key: string) => data.texts[key] ?? key;
const verdictBox = document.getElementById('verdict')!;
const qrBox = document.getElementById('qr')!;

function show(state: State | 'checking', title: string, explain: string): void {
  if (state !== 'checking') document.body.dataset.state = state;
  verdictBox.replaceChildren(el('span', 'verdict-title', title), el('small', 'verdict-text', explain));
  if (state !== 'checking') document.documentElement.setAttribute('data-qr', 'done');
}

function el(tag: string, className: string, content: string): HTMLElement {
  const node = document.createElement(tag);
  if (className) node.className = className;
  node.textContent = content; // the payload is attacker-controlled: text only, never markup
  return node;
}

function showVerdict(verdict: QrVerdict): void {
  const keys = verdictTextKeys(verdict);
  show(verdict.state, text(keys.title), keys.explain.map(text).join(' '));
  if (verdict.state === 'not_genuine') qrBox.hidden = true;
  else showFields(verdict.fields);
}

/** What the QR itself says: on the visitor's screen only (they scanned it), to compare with the ID card. */
function showFields(f: CertificatePayloadFields): void {
  const list = document.createElement('dl');
  const rows: [string, string][] = [
    [text('holder'), f.name],
    [text('idNumber'), f.idNumber],
    [text('sex'), data.sexes[f.sex] ?? f.sex],
    [text('maritalStatus'), data.marital[f.maritalStatus] ?? f.maritalStatus],
    [text('children'), String(f.childrenCount)],
    [text('issuedAt'), f.issueDate],
    [text('validUntil'), f.validUntil],
  ];
  for (const [label, value] of rows) {
    // appendChild, not append: the Workers types' Element.append (HTMLRewriter) shadows the DOM's here.
    list.appendChild(el('dt', '', label));
    list.appendChild(el('dd', '', value));
  }
  qrBox.replaceChildren(el('h2', '', text('qr.fieldsTitle')), list);
  qrBox.hidden = false;
  // The register's masked copy says the same, less: the signed full data replaces it.
  document.getElementById('register')?.remove();
}

/** No Ed25519 in this browser: offer the server check, and send nothing unless the person asks. */
function offerServerCheck(payload: string): void {
  show('unchecked', text('result.unchecked'), text('qr.noWebCrypto'));
  const button = el('button', '', text('qr.askServer')) as HTMLButtonElement;
  button.type = 'button';
  const note = el('p', 'note', text('qr.askServerNote'));
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      const res = await fetch('/api/certificates/verify-payload', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ payload }),
        credentials: 'omit',
      });
      const answer = (await res.json()) as {
        signature: string;
        register?: { serial: string; result: string };
      };
      showServerAnswer(answer);
    } catch {
      note.textContent = text('qr.serverFailed');
      button.disabled = false;
    }
  });
  qrBox.replaceChildren(note, button);
  qrBox.hidden = false;
}

function showServerAnswer(answer: {
  signature: string;
  register?: { serial: string; result: string };
}): void {
  qrBox.hidden = true;
  if (answer.signature !== 'valid' || !answer.register) {
    const reason =
      answer.signature === 'unknown_key'
        ? 'unknown_key'
        : answer.signature === 'malformed'
          ? 'format'
          : 'bad_signature';
    show('not_genuine', text('result.not_genuine'), text(`qr.${reason}`));
    return;
  }
  if (answer.register.serial !== data.serial) {
    show('not_genuine', text('result.not_genuine'), text('qr.serial_mismatch'));
    return;
  }
  const state =
    answer.register.result === 'revoked' || answer.register.result === 'expired'
      ? answer.register.result
      : 'valid';
  show(state, text(`result.${state}`), state === 'valid' ? text('qr.valid') : text(`explain.${state}`));
}

async function main(): Promise<void> {
  const hash = location.hash.slice(1);
  if (!hash) {
    // Typed serial and code: the register's answer is the verdict.
    if (data.register) document.body.dataset.state = data.register;
    return;
  }
  show('checking', text('result.checking'), '');
  let payload: string;
  try {
    payload = decodeURIComponent(hash);
  } catch {
    show('not_genuine', text('result.not_genuine'), text('qr.format'));
    return;
  }
  if (!(await supportsEd25519())) return offerServerCheck(payload);
  const material = await loadVerificationMaterial();
  if (!material) {
    show('unchecked', text('result.unchecked'), text('qr.keysUnavailable'));
    return;
  }
  showVerdict(
    await judgeQrPayload({
      payload,
      keys: material.keys,
      statusList: material.statusList,
      now: new Date(),
      expectedSerial: data.serial,
      register: data.register,
    }),
  );
}

void main();
