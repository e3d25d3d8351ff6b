// PDFs that can act when opened are refused, wherever the action hides: in plain objects, inside
// Flate-compressed object streams, behind #-escaped names; what cannot be inspected is refused too.
import { deflateSync } from 'node:zlib';
import { PDFDocument, PDFName, PDFString, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../core/errors';
import { assertPdfInert } from '../../../core/files/pdf-active-content';
import { smallPdf } from '../../fixtures/certificates';
import { pdfStream, pdfWith, pdfWithObjectStream } from '../../fixtures/uploads';

async function verdict(bytes: Uint8Array): Promise<string> {
  try {
    await assertPdfInert(bytes);
    return 'accepted';
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
}

/** A real PDF from pdf-lib (object streams, Flate content), optionally opening with a script. */
async function pdfLibDocument(options: { openActionScript?: boolean; objectStreams?: boolean } = {}) {
  const doc = await PDFDocument.create();
  const page = doc.addPage([300, 200]);
  page.drawText('Residence proof', { font: await doc.embedFont(StandardFonts.Helvetica), x: 20, y: 150 });
  if (options.openActionScript) {
    const action = doc.context.obj({ S: 'JavaScript', JS: PDFString.of('app.alert("hi")') });
    doc.catalog.set(PDFName.of('OpenAction'), doc.context.register(action));
  }
  return doc.save({ useObjectStreams: options.objectStreams ?? true });
}

describe('refusing PDFs with active content', () => {
  it('accepts plain documents, including compressed object streams without actions', async () => {
    expect(await verdict(smallPdf())).toBe('accepted');
    expect(await verdict(await pdfLibDocument())).toBe('accepted');
    expect(await verdict(await pdfLibDocument({ objectStreams: false }))).toBe('accepted');
    expect(await verdict(pdfWithObjectStream('<< /S /GoTo /D [3 0 R /XYZ 0 0 0] >>'))).toBe('accepted');
    // A Flate content stream with binary bytes is not read for names (it is drawing, not objects).
    const content = pdfStream('/Filter /FlateDecode', deflateSync(Buffer.from('BT /F1 12 Tf (/JS) Tj ET')));
    expect(await verdict(pdfWith({ objects: [content] }))).toBe('accepted');
  });

  it('refuses an OpenAction JavaScript in plain objects', async () => {
    expect(await verdict(pdfWith({ action: '<< /S /JavaScript /JS (app.alert\\(1\\)) >>' }))).toBe(
      'pdf_active_content',
    );
  });

  it('refuses JavaScript hidden in a Flate-compressed object stream', async () => {
    const hidden = pdfWithObjectStream('<< /S /JavaScript /JS (app.alert\\(1\\)) >>');
    expect(Buffer.from(hidden).includes('JavaScript')).toBe(false); // not visible without inflating
    expect(await verdict(hidden)).toBe('pdf_active_content');
    const real = await pdfLibDocument({ openActionScript: true });
    expect(Buffer.from(real).includes('JavaScript')).toBe(false);
    expect(await verdict(real)).toBe('pdf_active_content');
    expect(await verdict(await pdfLibDocument({ openActionScript: true, objectStreams: false }))).toBe(
      'pdf_active_content',
    );
  });

  it('refuses names obfuscated with #xx escapes, in plain objects and in object streams', async () => {
    expect(await verdict(pdfWith({ action: '<< /S /J#61vaScript /J#53 (app.alert\\(1\\)) >>' }))).toBe(
      'pdf_active_content',
    );
    expect(await verdict(pdfWithObjectStream('<< /S /#4Aava#53cript /#4A#53 (x) >>'))).toBe(
      'pdf_active_content',
    );
    const escapedStreamType = pdfWith({
      action: '<< /S /GoTo /D [3 0 R /Fit] /Next 6 0 R >>',
      objects: [
        pdfStream(
          '/Type /Obj#53tm /N 1 /First 4 /Filter /Fl#61teDecode',
          deflateSync(Buffer.from('6 0 << /S /Launch /F (cmd.exe) >>')),
        ),
      ],
    });
    expect(await verdict(escapedStreamType)).toBe('pdf_active_content');
  });

  it('refuses launch actions, embedded files, rich media and XFA forms', async () => {
    for (const object of [
      '<< /S /Launch /F (calc.exe) >>',
      '<< /Type /Filespec /F (a.exe) /EF << /F 7 0 R >> >> % /EmbeddedFile',
      '<< /Names << /EmbeddedFiles 8 0 R >> >>',
      '<< /Type /Annot /Subtype /RichMedia >>',
      '<< /AcroForm << /XFA 9 0 R >> >>',
      '<< /S /SubmitForm /F (https://evil.example) >>',
    ]) {
      expect(await verdict(pdfWith({ objects: [object] }))).toBe('pdf_active_content');
    }
  });

  it('refuses what it cannot inspect: a corrupt object stream, another filter, a hidden object', async () => {
    expect(await verdict(pdfWithObjectStream('<< >>', { corrupt: true }))).toBe('pdf_unreadable');
    const lzw = pdfStream('/Type /ObjStm /N 1 /First 4 /Filter /LZWDecode', 'whatever');
    expect(await verdict(pdfWith({ objects: [lzw] }))).toBe('pdf_unreadable');
    const indirectFilter = pdfStream('/Type /ObjStm /N 1 /First 4 /Filter 9 0 R', 'whatever');
    expect(await verdict(pdfWith({ objects: [indirectFilter] }))).toBe('pdf_unreadable');
    // An object written inside an image's compressed bytes, where a cross-reference entry could point.
    const smuggled = pdfStream('/Subtype /Image /Filter /DCTDecode', '\xff\xd8 9 0 obj << /S /JavaScript >>');
    expect(await verdict(pdfWith({ objects: [smuggled] }))).toBe('pdf_unreadable');
    // A bomb: a few kilobytes that inflate past the budget.
    const bomb = pdfStream(
      '/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode',
      deflateSync(Buffer.alloc(80 << 20)),
    );
    expect(await verdict(pdfWith({ objects: [bomb] }))).toBe('pdf_unreadable');
  });
});
