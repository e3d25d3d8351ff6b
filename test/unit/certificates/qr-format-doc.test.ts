// The QR format documents are a contract with verifiers we never see, so their code is run as written:
// the JavaScript and Python verifiers in docs/certificate-qr-format.md (Python with python3 and the
// Debian package python3-cryptography, which .ci/run installs) and the status-list reader in
// docs/certificate-status-list.md, on payloads and lists made by the product. Each must answer every
// case exactly as the product does — including a non-canonical signature and each malformed field.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildCertificatePayload,
  generateSigningSeed,
  importSigningKey,
  type PublicKeyEntry,
  type SigningKey,
  verifyCertificatePayload,
} from '../../../core/certificates/certificate-signing';
import { parseResidentId, withCheckDigit } from '../../../core/certificates/resident-id';
import { buildStatusList } from '../../../core/certificates/status-list';
import { LOCAL_CERT_SIGNING_KEY, LOCAL_CERT_SIGNING_KEY_ID } from '../../../scripts/local-config';

// Debian's interpreter, the one the python3-cryptography package installs into (.ci/run); another
// python3 first on PATH (pyenv) may lack the module.
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

const ROOT = new URL('../../../', import.meta.url);
const formatDoc = readFileSync(new URL('docs/certificate-qr-format.md', ROOT), 'utf8');
const statusDoc = readFileSync(new URL('docs/certificate-status-list.md', ROOT), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'qr-doc-'));

/** The first ```<lang> block after a heading of the document. */
function codeBlock(doc: string, heading: string, lang: string): string {
  const at = doc.indexOf(`\n## ${heading}`);
  expect(at, `heading "${heading}"`).toBeGreaterThan(0);
  const match = new RegExp(`\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``).exec(doc.slice(at));
  expect(match, `a ${lang} block under "${heading}"`).not.toBeNull();
  return match![1]!;
}

type Reason = 'valid' | 'format' | 'unknown_key' | 'bad_signature';

let devKey: SigningKey;
let keys: PublicKeyEntry[];
const cases: { name: string; payload: string }[] = [];

async function product(payload: string): Promise<Reason> {
  const result = await verifyCertificatePayload(payload, keys);
  return result.valid ? 'valid' : result.reason;
}

const FIELDS = {
  serial: 'DEMO-2026-000042',
  name: '欧阳小明',
  sex: 'male' as const,
  idNumber: withCheckDigit('11010519900315001'),
  maritalStatus: 'first_marriage' as const,
  childrenCount: 2,
  issuerCode: 'demo',
  issueDate: '2026-11-27',
  validUntil: '2029-11-26',
};

beforeAll(async () => {
  devKey = await importSigningKey(LOCAL_CERT_SIGNING_KEY, LOCAL_CERT_SIGNING_KEY_ID);
  keys = [{ kid: devKey.kid, publicKey: devKey.publicKey }];
  const genuine = await buildCertificatePayload(FIELDS, devKey);
  const other = await importSigningKey(generateSigningSeed(), 'other-1');
  const [, , , , , , , , , , , signature] = genuine.split('|') as string[];
  const set = (index: number, value: string) => {
    const f = genuine.split('|');
    f[index] = value;
    return f.join('|');
  };
  // The last of 86 characters carries 2 signature bits and 4 unused ones: 'A'+1 is the same 64 bytes.
  const last = signature!.at(-1)!;
  const sameBytes = String.fromCharCode(last.charCodeAt(0) + 1);
  cases.push(
    { name: 'genuine', payload: genuine },
    { name: 'the doc example', payload: /```\n(HYZM1\|dev-1\|[^\n]+)\n```/.exec(formatDoc)![1]! },
    { name: 'altered name', payload: genuine.replace('|欧阳小明|', '|欧阳小红|') },
    { name: 'non-canonical signature', payload: `${genuine.slice(0, -1)}${sameBytes}` },
    { name: 'padded signature', payload: `${genuine}==` },
    { name: 'standard base64 alphabet', payload: genuine.replace(/-/g, '+').replace(/_/g, '/') },
    { name: 'unknown key', payload: await buildCertificatePayload(FIELDS, other) },
    { name: 'version 2', payload: set(0, 'HYZM2') },
    { name: 'empty name', payload: set(3, '') },
    { name: 'control character in name', payload: set(3, '欧阳\u0085小明') },
    { name: 'sex X', payload: set(4, 'X') },
    { name: 'lower-case x in the ID', payload: set(5, `${FIELDS.idNumber.slice(0, 17)}x`) },
    {
      name: 'full-width digit in the ID',
      payload: set(5, `${FIELDS.idNumber.slice(0, 16)}１${FIELDS.idNumber[17]}`),
    },
    { name: 'marital Z', payload: set(6, 'Z') },
    { name: 'children 02', payload: set(7, '02') },
    { name: 'children 100', payload: set(7, '100') },
    { name: '30 February', payload: set(9, '20260230') },
    { name: 'year 0050', payload: set(10, '00500101') },
    { name: 'a bad kid', payload: set(1, 'dev 1') },
    { name: '13 fields', payload: `${genuine}|x` },
    { name: 'truncated', payload: genuine.slice(0, 40) },
  );
});

describe('docs/certificate-qr-format.md', () => {
  it('gives an example whose sex agrees with its ID number and which the product verifies', async () => {
    const example = cases.find((c) => c.name === 'the doc example')!.payload;
    const f = example.split('|');
    const id = parseResidentId(f[5]!);
    expect(id.ok && id.sex).toBe(f[4] === 'M' ? 'male' : 'female');
    expect(await product(example)).toBe('valid');
    expect(formatDoc).toContain(`public key (base64url): ${devKey.publicKey}`);
  });

  it('has a Node verifier that answers every case exactly as the product does', async () => {
    const file = join(dir, 'verifier.mjs');
    writeFileSync(file, codeBlock(formatDoc, 'Verifying in Node.js', 'js'));
    const { verifyPayload } = (await import(file)) as {
      verifyPayload(p: string): { valid: boolean; reason?: string };
    };
    for (const c of cases) {
      const answer = verifyPayload(c.payload);
      expect(answer.valid ? 'valid' : answer.reason, c.name).toBe(await product(c.payload));
    }
    expect(verifyPayload(cases[0]!.payload).valid).toBe(true);
    expect(await product(cases.find((c) => c.name === 'non-canonical signature')!.payload)).toBe('format');
  });

  it('has a Python verifier (python3-cryptography) that answers every case exactly as the product does', async () => {
    const verifier = join(dir, 'verifier.py');
    writeFileSync(verifier, codeBlock(formatDoc, 'Verifying in Python', 'python'));
    const driver = join(dir, 'driver.py');
    writeFileSync(
      driver,
      [
        'import json, sys',
        `sys.path.insert(0, ${JSON.stringify(dir)})`,
        'from verifier import verify',
        'print(json.dumps([verify(p)[1] for p in json.load(sys.stdin)]))',
      ].join('\n'),
    );
    const out = execFileSync(PYTHON, [driver], { input: JSON.stringify(cases.map((c) => c.payload)) });
    const answers = JSON.parse(out.toString()) as string[];
    const expected = await Promise.all(cases.map((c) => product(c.payload)));
    expect(Object.fromEntries(cases.map((c, i) => [c.name, answers[i]]))).toEqual(
      Object.fromEntries(cases.map((c, i) => [c.name, expected[i]])),
    );
  });
});

describe('docs/certificate-status-list.md', () => {
  it('has a Node reader that accepts the product list and refuses a tampered or stale one', async () => {
    const file = join(dir, 'status-list.mjs');
    writeFileSync(file, codeBlock(statusDoc, 'Checking it', 'js'));
    const { readStatusList } = (await import(file)) as {
      readStatusList(text: string, now?: Date): { ok: boolean; reason?: string; revoked?: Set<string> };
    };
    const now = new Date('2026-11-27T02:00:00Z');
    const list = await buildStatusList({
      revokedSerials: ['DEMO-2026-000002', 'DEMO-2026-000001'],
      key: devKey,
      now,
    });
    expect(
      list.startsWith('HYZR1|dev-1|20261127T020000Z|20261127T080000Z|DEMO-2026-000001,DEMO-2026-000002|'),
    ).toBe(true);
    const read = readStatusList(list, now);
    expect(read.ok).toBe(true);
    expect([...read.revoked!]).toEqual(['DEMO-2026-000001', 'DEMO-2026-000002']);
    expect(readStatusList(list.replace(',DEMO-2026-000002', ''), now).reason).toBe('bad_signature');
    expect(readStatusList(list, new Date('2026-11-27T08:00:00Z')).reason).toBe('stale');
    expect(readStatusList(cases[0]!.payload, now).reason).toBe('format');
    const empty = await buildStatusList({ revokedSerials: [], key: devKey, now });
    expect([...readStatusList(empty, now).revoked!]).toEqual([]);
  });
});
