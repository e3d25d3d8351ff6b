// The issued certificate as a PDF: one A4 page, subset CJK font, extractable text, and a QR code that
// decodes (from the rendered page) to the signed payload. Needs poppler-utils.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import jsQR from 'jsqr';
import { PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applicationFormSchema,
  type TApplicationFormInput,
} from '../../../core/certificates/application-schema';
import { buildCertificatePayload, importSigningKey } from '../../../core/certificates/certificate-signing';
import { findCertificateFontPath, loadCertificateFont } from '../../../core/certificates/font-source';
import {
  CERT_FONT_ASSET_PATH,
  type CertificateDocument,
  fetchCertificateFont,
  renderCertificatePdf,
  wrapText,
} from '../../../core/certificates/render-certificate-pdf';
import { withCheckDigit } from '../../../core/certificates/resident-id';
import { LOCAL_CERT_SIGNING_KEY, LOCAL_CERT_SIGNING_KEY_ID } from '../../../scripts/local-config';

// Reading the PDF back needs Debian's poppler-utils (pdftotext, pdftoppm); .ci/run installs it.
if (spawnSync('pdftotext', ['-v']).status !== 0) {
  throw new Error(
    'pdftotext not found: apt-get install -y poppler-utils (the PDF tests read the rendered page back)',
  );
}

const schema = applicationFormSchema({ today: '2026-11-25' });
const applicantId = withCheckDigit('36110219900315123');
const spouseId = withCheckDigit('36110219920708124');

function certificateFor(
  input: TApplicationFormInput,
  overrides: Partial<CertificateDocument> = {},
): CertificateDocument {
  return {
    serial: 'HY-361102-2026-000123',
    checkCode: '7KQ2M9XD',
    form: schema.parse(input),
    issuingOffice: '上饶市信州区朝阳镇人民政府',
    issueDate: '2026-11-25',
    validUntil: '2027-11-24',
    ...overrides,
  };
}

const typical: TApplicationFormInput = {
  applicant: { name: '欧阳晓明', sex: 'male', birthDate: '1990-03-15', idNumber: applicantId },
  hukouAddress: '江西省上饶市信州区朝阳镇龙潭村委会下龙潭村民小组32号',
  currentResidence: {
    address: '广东省深圳市龙岗区坂田街道五和大道南2号万科城四期12栋3单元1802房',
    since: '2018-06-01',
  },
  marital: {
    status: 'first_marriage',
    marriageDate: '2016-10-01',
    spouse: { name: '李娜', idNumber: spouseId },
  },
  children: [
    { name: '欧阳子涵', sex: 'female', birthDate: '2017-08-09' },
    { name: '欧阳睿', sex: 'male', birthDate: '2021-01-30' },
  ],
};

const verifyUrl = 'https://township.example.cn/verify';
let fontBytes: Uint8Array;
let payload: string;
let dir: string;

beforeAll(async () => {
  fontBytes = loadCertificateFont(process.env.CERT_FONT_PATH);
  const key = await importSigningKey(LOCAL_CERT_SIGNING_KEY, LOCAL_CERT_SIGNING_KEY_ID);
  payload = await buildCertificatePayload(
    {
      serial: 'HY-361102-2026-000123',
      name: '欧阳晓明',
      sex: 'male',
      idNumber: applicantId,
      maritalStatus: 'first_marriage',
      childrenCount: 2,
      issuerCode: '361102101',
      issueDate: '2026-11-25',
      validUntil: '2027-11-24',
    },
    key,
  );
  dir = mkdtempSync(join(tmpdir(), 'cert-pdf-'));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function save(pdf: Uint8Array, name: string): string {
  const path = join(dir, name);
  writeFileSync(path, pdf);
  return path;
}

/** Text as pdftotext extracts it, with all whitespace removed (wrapped lines join up again). */
function extractText(path: string): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
}

/** Renders the page with poppler and decodes the QR code from the pixels. */
function decodeQrFromPage(path: string): string | undefined {
  execFileSync('pdftoppm', ['-r', '110', '-gray', '-singlefile', path, join(dir, 'page')]);
  const pgm = readFileSync(join(dir, 'page.pgm'));
  // Binary PGM: "P5\n<width> <height>\n255\n" then one byte per pixel.
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 40).toString('latin1'))!;
  const [width, height] = [Number(header[1]), Number(header[2])];
  const pixels = pgm.subarray(header[0].length);
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    rgba.fill(pixels[i]!, i * 4, i * 4 + 3);
    rgba[i * 4 + 3] = 255;
  }
  return jsQR(rgba, width, height)?.data;
}

describe('renderCertificatePdf', () => {
  it('produces a single A4 page that pdf-lib can load', async () => {
    const { pdf } = await renderCertificatePdf({
      certificate: certificateFor(typical),
      payload,
      verifyUrl,
      fontBytes,
    });
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBe(1);
    const { width, height } = doc.getPage(0).getSize();
    expect(width).toBeCloseTo(595.28, 1);
    expect(height).toBeCloseTo(841.89, 1);
    expect(doc.getTitle()).toBe('流动人口婚育证明 HY-361102-2026-000123');
  });

  it('embeds a real outline for every glyph it prints, not blank boxes', async () => {
    // Text extraction reads ToUnicode and would pass with empty glyphs; parse the embedded font itself.
    const { pdf } = await renderCertificatePdf({
      certificate: certificateFor(typical),
      payload,
      verifyUrl,
      fontBytes,
    });
    const doc = await PDFDocument.load(pdf);
    const descriptor = doc.context
      .enumerateIndirectObjects()
      .map(([, o]) => o)
      .find(
        (o): o is PDFDict =>
          o instanceof PDFDict && o.get(PDFName.of('Type')) === PDFName.of('FontDescriptor'),
      )!;
    const stream = doc.context.lookup(descriptor.get(PDFName.of('FontFile2'))) as PDFRawStream;
    const embedded = inflateSync(Buffer.from(stream.contents));
    const fontkit = (await import('@pdf-lib/fontkit')).default;
    const font = fontkit.create(new Uint8Array(embedded)) as unknown as {
      numGlyphs: number;
      getGlyph(id: number): { path: { commands: unknown[] } };
    };
    expect(font.numGlyphs).toBeGreaterThan(100);
    const blank: number[] = [];
    for (let id = 1; id < font.numGlyphs; id++) {
      if (font.getGlyph(id).path.commands.length === 0) blank.push(id);
    }
    // Only the space characters of the text may be blank.
    expect(blank.length).toBeLessThanOrEqual(2);
  });

  it('embeds only a subset of the font', async () => {
    const { pdf } = await renderCertificatePdf({
      certificate: certificateFor(typical),
      payload,
      verifyUrl,
      fontBytes,
    });
    // The font file is ~3 MB; a subset of a few hundred glyphs keeps the whole PDF small.
    expect(fontBytes.length).toBeGreaterThan(2_000_000);
    expect(pdf.length).toBeLessThan(100_000);
    const doc = await PDFDocument.load(pdf);
    const objects = doc.context.enumerateIndirectObjects().map(([, o]) => o);
    const descriptors = objects.filter(
      (o): o is PDFDict => o instanceof PDFDict && o.get(PDFName.of('Type')) === PDFName.of('FontDescriptor'),
    );
    expect(descriptors).toHaveLength(1);
    const descriptor = descriptors[0]!;
    // "ABCDEF+Name" is how a PDF marks a subset font.
    expect(descriptor.get(PDFName.of('FontName'))?.toString()).toMatch(/^\/[A-Z]{6}\+WenQuanYiMicroHei$/);
    const fontFile = doc.context.lookup(descriptor.get(PDFName.of('FontFile2')));
    expect(fontFile).toBeInstanceOf(PDFRawStream);
    expect((fontFile as PDFRawStream).contents.length).toBeLessThan(80_000);
  });

  it('contains every field of the certificate as real text', async () => {
    const result = await renderCertificatePdf({
      certificate: certificateFor(typical),
      payload,
      verifyUrl,
      fontBytes,
    });
    expect(result.missingGlyphs).toEqual([]);
    const text = extractText(save(result.pdf, 'typical.pdf'));
    for (const expected of [
      '流动人口婚育证明',
      '证明编号：HY-361102-2026-000123',
      '姓名',
      '欧阳晓明',
      '性别',
      '出生日期',
      '1990年3月15日',
      '公民身份号码',
      applicantId,
      '户籍地址',
      '江西省上饶市信州区朝阳镇龙潭村委会下龙潭村民小组32号',
      '现居住地',
      '广东省深圳市龙岗区坂田街道五和大道南2号万科城四期12栋3单元1802房',
      '居住起始日期',
      '2018年6月1日',
      '婚姻状况',
      '初婚',
      '结婚登记日期',
      '2016年10月1日',
      '配偶姓名',
      '李娜',
      '配偶公民身份号码',
      spouseId,
      '子女情况',
      '欧阳子涵',
      '2017年8月9日',
      '欧阳睿',
      '2021年1月30日',
      '发证机关',
      '上饶市信州区朝阳镇人民政府',
      '发证日期',
      '2026年11月25日',
      '有效期至',
      '2027年11月24日',
      `核验网址：${verifyUrl}`,
      '扫码核验',
    ]) {
      expect(text, expected).toContain(expected);
    }
  });

  it('writes an English certificate with English punctuation, no full-width colon or space', async () => {
    const result = await renderCertificatePdf({
      certificate: certificateFor(typical),
      payload,
      verifyUrl,
      fontBytes,
      language: 'en',
    });
    const path = save(result.pdf, 'typical-en.pdf');
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
    expect(text).toMatch(/Certificate no\.: HY-361102-2026-000123\s+Check code: /);
    // Names and addresses are Chinese; the office's own words and punctuation are not.
    const office = text.replace(/[\u3400-\u9fff]+/g, '');
    expect(office).not.toMatch(/[\u3000-\u303f\uff01-\uff1f]/);
  });

  it('draws a QR code that decodes from the rendered page to the signed payload', async () => {
    const result = await renderCertificatePdf({
      certificate: certificateFor(typical),
      payload,
      verifyUrl,
      fontBytes,
    });
    expect(result.qrVersion).toBe(10);
    expect(decodeQrFromPage(save(result.pdf, 'qr.pdf'))).toBe(payload);
  });

  it('prints "无" for no children and a dash for the spouse of an unmarried holder', async () => {
    const unmarried = { ...typical, marital: { status: 'unmarried' as const }, children: [] };
    const result = await renderCertificatePdf({
      certificate: certificateFor(unmarried),
      payload,
      verifyUrl,
      fontBytes,
    });
    const text = extractText(save(result.pdf, 'unmarried.pdf'));
    expect(text).toContain('未婚');
    expect(text).toMatch(/子女情况无|出生日期无/);
    expect(text).toContain('配偶姓名—');
    expect(text).not.toContain('李娜');
  });

  it('keeps the longest allowed form on one page by using smaller text', async () => {
    const address = '新疆维吾尔自治区伊犁哈萨克自治州察布查尔锡伯自治县'.repeat(8).slice(0, 200);
    const longName = '阿卜杜热合曼·买买提明·艾合买提江·吐尔逊·阿不都克里木';
    const biggest = {
      ...typical,
      applicant: { ...typical.applicant, name: longName },
      hukouAddress: address,
      currentResidence: { address, since: '2018-06-01' },
      children: Array.from({ length: 10 }, (_, i) => ({
        name: i === 3 ? longName : `欧阳子${'一二三四五六七八九十'[i]}`,
        sex: 'female' as const,
        birthDate: '2017-08-09',
      })),
    };
    const result = await renderCertificatePdf({
      certificate: certificateFor(biggest),
      payload,
      verifyUrl,
      fontBytes,
    });
    expect(result.textSize).toBeLessThan(11);
    const doc = await PDFDocument.load(result.pdf);
    expect(doc.getPageCount()).toBe(1);
    const path = save(result.pdf, 'biggest.pdf');
    const text = extractText(path);
    expect(text).toContain(address);
    expect(text).toContain(longName);
    expect(text).toContain('欧阳子十');
    expect(decodeQrFromPage(path)).toBe(payload);
  });

  it('reports characters the font cannot draw instead of hiding them', async () => {
    // U+2A6A5 (CJK Extension B) is outside WenQuanYi Micro Hei, as some rare name characters are.
    const rare = { ...typical, applicant: { ...typical.applicant, name: '王𪚥' } };
    const result = await renderCertificatePdf({
      certificate: certificateFor(rare),
      payload,
      verifyUrl,
      fontBytes,
    });
    expect(result.missingGlyphs).toEqual(['𪚥']);
  });

  it('has a glyph for every GB2312 character (names and addresses)', async () => {
    // Decode every two-byte code of rows A1–F7. GB18030 maps GB2312's unassigned codes either to the
    // private use area (skipped) or, in a few places, to characters GB18030 added (listed below).
    const decoder = new TextDecoder('gb18030');
    const hanzi: string[] = [];
    const symbols: string[] = [];
    for (let hi = 0xa1; hi <= 0xf7; hi++)
      for (let lo = 0xa1; lo <= 0xfe; lo++) {
        const ch = decoder.decode(new Uint8Array([hi, lo]));
        if (!/[\uE000-\uF8FF\uFFFD]/u.test(ch)) (hi >= 0xb0 ? hanzi : symbols).push(ch);
      }
    expect(hanzi).toHaveLength(6763);
    const fontkit = (await import('@pdf-lib/fontkit')).default;
    const collection = fontkit.create(fontBytes) as unknown as {
      fonts?: ReturnType<typeof fontkit.create>[];
    };
    const face = collection.fonts?.[0] ?? (collection as unknown as ReturnType<typeof fontkit.create>);
    const missing = (chars: string[]) => chars.filter((c) => !face.hasGlyphForCodePoint(c.codePointAt(0)!));
    expect(missing(hanzi)).toEqual([]);
    // Vertical punctuation forms (A6D9–A6DF, A6EC–A6ED, A6F3) and three pinyin letters (A8BB, A8BF, A8C0)
    // are GB18030 additions at codes GB2312 leaves empty.
    expect(missing(symbols).join('')).toBe('︐︒︑︓︔︕︖︗︘︙ɑǹɡ');
  });
});

describe('wrapText', () => {
  let font: Awaited<ReturnType<PDFDocument['embedFont']>>;
  beforeAll(async () => {
    const doc = await PDFDocument.create();
    const fontkit = (await import('@pdf-lib/fontkit')).default;
    doc.registerFontkit({
      create: (b: Uint8Array) => {
        const f = fontkit.create(b) as ReturnType<typeof fontkit.create> & {
          fonts?: ReturnType<typeof fontkit.create>[];
        };
        return f.fonts?.[0] ?? f;
      },
    });
    font = await doc.embedFont(fontBytes, { subset: true });
  });

  it('keeps every line within the width and loses no character', () => {
    const text = '广东省深圳市龙岗区坂田街道五和大道南2号万科城四期12栋3单元1802房，该地址较长。';
    const lines = wrapText(text, font, 11, 120);
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(font.widthOfTextAtSize(line, 11)).toBeLessThanOrEqual(120);
    expect(lines.join('')).toBe(text);
  });

  it('never starts a line with closing punctuation', () => {
    for (let width = 60; width < 200; width += 7) {
      const lines = wrapText('一二三四五六七八九十，一二三四五六七八九十。一二三四五、六七', font, 11, width);
      for (const line of lines.slice(1)) expect(line[0], `width ${width}`).not.toMatch(/[，。、]/);
    }
  });

  it('breaks Latin text between words', () => {
    expect(wrapText('Verify at https://example.cn/verify today', font, 11, 150)).toEqual([
      'Verify at',
      'https://example.cn/verify',
      'today',
    ]);
  });
});

describe('fetchCertificateFont', () => {
  it('reads the font from the static assets path', async () => {
    const requested: string[] = [];
    const assets = {
      fetch: async (input: string | URL | Request) => {
        requested.push(new URL(String(input instanceof Request ? input.url : input)).pathname);
        return new Response(new Uint8Array([1, 2, 3]));
      },
    };
    expect(await fetchCertificateFont(assets)).toEqual(new Uint8Array([1, 2, 3]));
    expect(requested).toEqual([CERT_FONT_ASSET_PATH]);
  });

  it('says to run the font build step when the asset is missing', async () => {
    const assets = { fetch: async () => new Response('not found', { status: 404 }) };
    await expect(fetchCertificateFont(assets)).rejects.toThrow(/font build step/);
  });
});

describe('the font on disk', () => {
  it('is a TrueType font of a few MB, shipped with the mini app’s static assets', () => {
    const path = findCertificateFontPath(process.env.CERT_FONT_PATH);
    expect(statSync(path).size).toBeGreaterThan(1_000_000);
  });
});
