// Renders an issued 流动人口婚育证明 as a one-page A4 PDF: Chinese labels from the locale files, the
// holder's data, and the signed QR payload drawn as vector squares. Runs in workerd and Node. The CJK font
// is a parameter (several MB, so never bundled into the Worker): only the glyphs used are embedded.
import fontkit from '@pdf-lib/fontkit';
import { type Color, PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib';
import { type Language, translator } from '../i18n';
import type { TApplicationForm } from './application-schema';
import { formatCheckCode } from './check-code';
import { encodeQr, QR_QUIET_ZONE, type QrMatrix, qrSvgPath } from './qr';

/** An issued certificate: the submitted form plus what the office adds when issuing it. */
export interface CertificateDocument {
  serial: string;
  /** Printed beside the serial: the public look-up needs both (check-code.ts). */
  checkCode: string;
  form: TApplicationForm;
  /** Name of the issuing office as printed, e.g. "某某县某某镇人民政府". */
  issuingOffice: string;
  /** 'YYYY-MM-DD'. */
  issueDate: string;
  /** 'YYYY-MM-DD'. */
  validUntil: string;
}

export interface RenderCertificateOptions {
  certificate: CertificateDocument;
  /** The signed QR text from buildCertificatePayload. */
  payload: string;
  /** Printed beside the QR code, for people who cannot scan. */
  verifyUrl: string;
  /** A TrueType font (.ttf, or a .ttc whose first face is used) covering the text. */
  fontBytes: Uint8Array;
  /** Creation time written into the PDF metadata. */
  now?: Date;
  /** An official Chinese document: zh-CN unless a caller has a reason to differ. */
  language?: Language;
}

export interface RenderedCertificate {
  pdf: Uint8Array;
  /** Characters the font has no glyph for (printed as empty boxes): worth an alert, never silent. */
  missingGlyphs: string[];
  qrVersion: number;
  /** Body text size actually used (pt): long addresses and many children shrink it to stay on one page. */
  textSize: number;
}

/** The font among the Worker's static assets (miniprogram/static/fonts, copied by the Vite build). */
export const CERT_FONT_ASSET_PATH = '/app/fonts/wqy-microhei-gbk.ttf';

const A4 = { width: 595.28, height: 841.89 } as const;
const MARGIN = 56;
const CONTENT_WIDTH = A4.width - 2 * MARGIN;
const HALF = CONTENT_WIDTH / 2;
const LABEL_WIDTH = 104;
const PADDING_X = 6;
const QR_MODULE_PT = 2;
const BLACK = rgb(0, 0, 0);
const GREY = rgb(0.35, 0.35, 0.35);
const LABEL_FILL = rgb(0.95, 0.95, 0.95);
// From roomy to dense: the first style whose layout ends above the bottom margin is used, so a
// certificate with 200-character addresses and ten children still fits one page.
const STYLES = [
  { text: 11, line: 16, padY: 6 },
  { text: 10, line: 14.5, padY: 5 },
  { text: 9, line: 13, padY: 4 },
  { text: 8, line: 11.5, padY: 3 },
] as const;
type Style = (typeof STYLES)[number];

// Closing punctuation never starts a line (Chinese typesetting's 避头尾 rule).
const NO_LINE_START = new Set(Array.from('，。、；：？！）》」』”’〉】…,.;:?!)'));

// pdf-lib hands every font to fontkit.create; a collection (.ttc, as Debian ships WenQuanYi Micro Hei)
// comes back as a list of faces, so pick the first face instead of failing.
const collectionAwareFontkit = {
  create(buffer: Uint8Array, postscriptName?: string) {
    const font = fontkit.create(buffer, postscriptName) as ReturnType<typeof fontkit.create> & {
      fonts?: ReturnType<typeof fontkit.create>[];
    };
    return font.fonts?.[0] ?? font;
  },
};

export async function renderCertificatePdf(options: RenderCertificateOptions): Promise<RenderedCertificate> {
  const { certificate, payload, fontBytes } = options;
  const doc = await PDFDocument.create();
  doc.registerFontkit(collectionAwareFontkit);
  const face = collectionAwareFontkit.create(fontBytes);
  // The "ABCDEF+" tag marks an embedded subset (PDF 32000 §9.6.4); pdf-lib would add a random suffix instead.
  const font = await doc.embedFont(fontBytes, { subset: true, customName: `HYZMCF+${face.postscriptName}` });
  const texts = certificateTexts(certificate, options.verifyUrl, options.language ?? 'zh-CN');
  const qr = encodeQr(payload);

  const now = options.now ?? new Date();
  doc.setTitle(`${texts.title} ${certificate.serial}`);
  doc.setSubject(texts.title);
  doc.setCreator(certificate.issuingOffice);
  doc.setProducer('township-services');
  doc.setCreationDate(now);
  doc.setModificationDate(now);

  const page = doc.addPage([A4.width, A4.height]);
  // Lay out without drawing until a style fits, then draw once with it.
  const style = STYLES.find((s) => layOut(null, font, s, texts, qr) >= MARGIN) ?? STYLES[STYLES.length - 1]!;
  const used = new Set<string>();
  layOut(page, font, style, texts, qr, used);

  const missingGlyphs = [...used].filter(
    (ch) => !/\s/.test(ch) && !face.hasGlyphForCodePoint(ch.codePointAt(0)!),
  );
  const pdf = await doc.save({ useObjectStreams: true });
  return { pdf, missingGlyphs, qrVersion: qr.version, textSize: style.text };
}

/** Reads the font from the Worker's static assets (see CERT_FONT_ASSET_PATH). */
export async function fetchCertificateFont(assets: {
  fetch(input: string | URL | Request): Promise<Response>;
}): Promise<Uint8Array> {
  // The host is ignored by the assets binding; only the path matters.
  const res = await assets.fetch(new URL(CERT_FONT_ASSET_PATH, 'https://assets.local'));
  if (!res.ok)
    throw new Error(
      `certificate font missing from static assets (${res.status}): run the font build step (npm run build:app)`,
    );
  return new Uint8Array(await res.arrayBuffer());
}

/** Breaks text into lines no wider than maxWidth: anywhere between CJK characters, at spaces in Latin text. */
export function wrapText(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  let line: string[] = [];
  const fits = (chars: string[]) => font.widthOfTextAtSize(chars.join(''), size) <= maxWidth;
  for (const ch of Array.from(text)) {
    if (line.length === 0 || fits([...line, ch])) {
      line.push(ch);
      continue;
    }
    const space = line.lastIndexOf(' ');
    if (/[A-Za-z0-9]/.test(ch) && space > 0) {
      // Break a Latin word at its last space rather than in the middle.
      lines.push(line.slice(0, space).join(''));
      line = [...line.slice(space + 1), ch];
    } else if (NO_LINE_START.has(ch) && line.length > 1) {
      // Carry the last character down with the punctuation instead of starting a line with "，".
      lines.push(line.slice(0, -1).join(''));
      line = [line.at(-1)!, ch];
    } else {
      lines.push(line.join(''));
      line = ch === ' ' ? [] : [ch];
    }
  }
  if (line.length > 0) lines.push(line.join(''));
  return lines.length > 0 ? lines : [''];
}

type Pair = [label: string, value: string];
interface CertificateTexts {
  title: string;
  serialLine: string;
  rows: Pair[][];
  children: { label: string; headers: string[]; rows: string[][] };
  closing: Pair[][];
  note: string;
  verifyLine: string;
  scanCaption: string;
}

/** Every string on the page, from the locale files and the certificate. */
function certificateTexts(
  certificate: CertificateDocument,
  verifyUrl: string,
  language: Language,
): CertificateTexts {
  const t = translator(language, 'certificates');
  const { form } = certificate;
  const date = (iso: string) =>
    t('pdf.date', {
      year: iso.slice(0, 4),
      month: Number(iso.slice(5, 7)),
      day: Number(iso.slice(8, 10)),
      iso,
    });
  const na = t('pdf.notApplicable');
  const married = form.marital.status !== 'unmarried';
  const spouse = married ? form.marital.spouse : undefined;
  const since = form.currentResidence.since;
  return {
    title: t('pdf.title'),
    // Punctuation and spacing are the language's own (full-width in Chinese only).
    serialLine: t('pdf.serialLine', {
      serialLabel: t('pdf.serial'),
      serial: certificate.serial,
      checkCodeLabel: t('pdf.checkCode'),
      checkCode: formatCheckCode(certificate.checkCode),
    }),
    rows: [
      [
        [t('pdf.holderName'), form.applicant.name],
        [t('pdf.sex'), t(`sex.${form.applicant.sex}`)],
      ],
      [
        [t('pdf.birthDate'), date(form.applicant.birthDate)],
        [t('pdf.idNumber'), form.applicant.idNumber],
      ],
      [[t('pdf.hukouAddress'), form.hukouAddress]],
      [[t('pdf.currentResidence'), form.currentResidence.address]],
      ...(since ? [[[t('pdf.residenceSince'), date(since)] as Pair]] : []),
      [
        [t('pdf.maritalStatus'), t(`maritalStatus.${form.marital.status}`)],
        [t('pdf.marriageDate'), married && form.marital.marriageDate ? date(form.marital.marriageDate) : na],
      ],
      [
        [t('pdf.spouseName'), spouse?.name ?? na],
        [t('pdf.spouseIdNumber'), spouse?.idNumber ?? na],
      ],
    ],
    children: {
      label: t('pdf.children'),
      headers: [t('pdf.childName'), t('pdf.childSex'), t('pdf.childBirthDate')],
      rows:
        form.children.length > 0
          ? form.children.map((c) => [c.name, t(`sex.${c.sex}`), date(c.birthDate)])
          : [[t('pdf.noChildren'), '', '']],
    },
    closing: [
      [[t('pdf.issuingOffice'), certificate.issuingOffice]],
      [
        [t('pdf.issueDate'), date(certificate.issueDate)],
        [t('pdf.validUntil'), date(certificate.validUntil)],
      ],
    ],
    note: t('pdf.note'),
    verifyLine: t('pdf.verifyAt', { url: verifyUrl }),
    scanCaption: t('pdf.scanToVerify'),
  };
}

/**
 * Lays the page out top-down and returns the lowest y used. With `page` null nothing is drawn (a
 * measuring pass); otherwise every drawn character is added to `used`.
 */
function layOut(
  page: PDFPage | null,
  font: PDFFont,
  style: Style,
  texts: CertificateTexts,
  qr: QrMatrix,
  used?: Set<string>,
): number {
  const text = (s: string, x: number, y: number, size: number, color: Color = BLACK) => {
    if (!page) return;
    for (const ch of s) used?.add(ch);
    page.drawText(s, { x, y, size, font, color });
  };
  const grid = new Grid(page, font, style, text);

  let y = A4.height - MARGIN - 24;
  text(texts.title, (A4.width - font.widthOfTextAtSize(texts.title, 24)) / 2, y, 24);
  y -= 30;
  text(texts.serialLine, A4.width - MARGIN - font.widthOfTextAtSize(texts.serialLine, 10.5), y, 10.5, GREY);
  y -= 12;

  // One pair spans the full width; two pairs share it, so their columns line up with the children table.
  const pairCells = (pairs: Pair[]): GridCell[] =>
    pairs.flatMap(([label, value]) => {
      const width = pairs.length === 1 ? CONTENT_WIDTH : HALF;
      return [
        { text: label, width: LABEL_WIDTH, shaded: true },
        { text: value, width: width - LABEL_WIDTH, shaded: false },
      ];
    });
  for (const pairs of texts.rows) y = grid.row(MARGIN, y, pairCells(pairs));

  // Children: the label cell spans a sub-table whose columns align with the two-pair rows above.
  const widths = [HALF - LABEL_WIDTH, LABEL_WIDTH, HALF - LABEL_WIDTH];
  const childRows = [texts.children.headers, ...texts.children.rows];
  const heights = childRows.map((cells) =>
    grid.rowHeight(cells.map((c, i) => ({ text: c, width: widths[i]! }))),
  );
  const blockHeight = heights.reduce((a, b) => a + b, 0);
  grid.cell(MARGIN, y, { text: texts.children.label, width: LABEL_WIDTH, shaded: true }, blockHeight);
  let rowTop = y;
  childRows.forEach((cells, r) => {
    grid.row(
      MARGIN + LABEL_WIDTH,
      rowTop,
      cells.map((c, i) => ({ text: c, width: widths[i]!, shaded: r === 0 })),
    );
    rowTop -= heights[r]!;
  });
  y -= blockHeight;

  for (const pairs of texts.closing) y = grid.row(MARGIN, y, pairCells(pairs));

  // QR code at the right, inside its quiet zone; the note and verification address to its left.
  const qrSide = qr.size * QR_MODULE_PT;
  const quiet = QR_QUIET_ZONE * QR_MODULE_PT;
  const qrTop = y - 12 - quiet;
  const qrLeft = A4.width - MARGIN - quiet - qrSide;
  // drawSvgPath puts the path's origin at (x, y) with the y axis pointing down, as in SVG.
  page?.drawSvgPath(qrSvgPath(qr), {
    x: qrLeft,
    y: qrTop,
    scale: QR_MODULE_PT,
    color: BLACK,
    borderWidth: 0,
  });
  const captionY = qrTop - qrSide - quiet - 4;
  text(
    texts.scanCaption,
    qrLeft + (qrSide - font.widthOfTextAtSize(texts.scanCaption, 9)) / 2,
    captionY,
    9,
    GREY,
  );

  const noteWidth = qrLeft - quiet - MARGIN - 12;
  let noteY = qrTop - 4;
  for (const line of wrapText(texts.note, font, 9.5, noteWidth)) {
    text(line, MARGIN, noteY, 9.5, GREY);
    noteY -= 15;
  }
  noteY -= 6;
  for (const line of wrapText(texts.verifyLine, font, 9.5, noteWidth)) {
    text(line, MARGIN, noteY, 9.5);
    noteY -= 15;
  }
  return Math.min(captionY - 4, noteY + 11);
}

interface GridCell {
  text: string;
  width: number;
  shaded?: boolean;
}

/** Bordered table cells whose height follows their wrapped text; draws nothing without a page. */
class Grid {
  constructor(
    private readonly page: PDFPage | null,
    private readonly font: PDFFont,
    private readonly style: Style,
    private readonly text: (s: string, x: number, y: number, size: number) => void,
  ) {}

  private lines(cell: GridCell): string[] {
    return wrapText(cell.text, this.font, this.style.text, cell.width - 2 * PADDING_X);
  }

  rowHeight(cells: GridCell[]): number {
    const lines = Math.max(...cells.map((c) => this.lines(c).length));
    return lines * this.style.line + 2 * this.style.padY;
  }

  /** Draws cells left to right from (x, top); returns the y of the row's bottom edge. */
  row(x: number, top: number, cells: GridCell[]): number {
    const height = this.rowHeight(cells);
    let left = x;
    for (const cell of cells) {
      this.cell(left, top, cell, height);
      left += cell.width;
    }
    return top - height;
  }

  /** One box whose top edge is at `top`, its lines vertically centred. */
  cell(x: number, top: number, cell: GridCell, height: number): void {
    if (!this.page) return;
    this.page.drawRectangle({
      x,
      y: top - height,
      width: cell.width,
      height,
      borderColor: BLACK,
      borderWidth: 0.75,
      color: cell.shaded ? LABEL_FILL : undefined,
    });
    const lines = this.lines(cell);
    const { line, text } = this.style;
    // Baseline about 0.3 em above the bottom of each line box, which centres CJK glyphs optically.
    let baseline = top - (height - lines.length * line) / 2 - line + (line - text) / 2 + text * 0.2;
    for (const l of lines) {
      this.text(l, x + PADDING_X, baseline, text);
      baseline -= line;
    }
  }
}
