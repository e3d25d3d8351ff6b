// The two pure checks around an upload: the name kept for people to recognise a document by, and the
// size/type check the mini app runs before sending anything (issue 12, walkthrough item 4).
import { describe, expect, it } from 'vitest';
import { cleanFileName, FILE_NAME_MAX_CHARS } from '../../../core/files/file-name';
import { precheckUpload } from '../../../core/files/upload-precheck';

describe('the name a document keeps', () => {
  it('keeps an ordinary name as it was, Chinese included', () => {
    expect(cleanFileName('户口簿 本人页.pdf')).toBe('户口簿 本人页.pdf');
    expect(cleanFileName('IMG_20260412_0931.jpg')).toBe('IMG_20260412_0931.jpg');
  });

  it('drops the folders a browser or chat client may send with it', () => {
    expect(cleanFileName('C:\\Users\\li\\Desktop\\居住证.jpg')).toBe('居住证.jpg');
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
  });

  it('removes control, invisible and bidi characters that could disguise what a file is', () => {
    // U+202E turns "photo\u202Egpj.exe" into what looks like "photoexe.jpg".
    expect(cleanFileName('photo\u202Egpj.exe')).toBe('photogpj.exe');
    expect(cleanFileName('a\u0000b\nc\u200Bd.png')).toBe('abcd.png');
    expect(cleanFileName('say "hi" <now>|?.pdf')).toBe('say hi now.pdf');
  });

  it('shortens a long name but keeps its extension', () => {
    const name = cleanFileName(`${'很长的文件名'.repeat(30)}.jpeg`)!;
    expect(Array.from(name)).toHaveLength(FILE_NAME_MAX_CHARS);
    expect(name.endsWith('….jpeg')).toBe(true);
  });

  it('gives nothing when nothing usable is left, so the kind names the document instead', () => {
    expect(cleanFileName('')).toBeNull();
    expect(cleanFileName(' \u202E\u0007 ')).toBeNull();
    expect(cleanFileName('...')).toBeNull();
    expect(cleanFileName(undefined)).toBeNull();
  });
});

describe('checking a file before it is sent', () => {
  const MB = 1024 * 1024;
  it('refuses a file over the limit at once', () => {
    expect(precheckUpload({ name: 'video.jpg', size: 20 * MB, type: 'image/jpeg' }, 10)).toBe(
      'payload_too_large',
    );
    expect(precheckUpload({ name: 'ok.jpg', size: 10 * MB, type: 'image/jpeg' }, 10)).toBeNull();
  });

  it('refuses a type the server never accepts, and lets the accepted ones through', () => {
    expect(precheckUpload({ name: 'clip.mp4', size: MB, type: 'video/mp4' }, 10)).toBe(
      'unsupported_media_type',
    );
    expect(precheckUpload({ name: 'notes.docx', size: MB, type: '' }, 10)).toBe('unsupported_media_type');
    expect(precheckUpload({ name: 'scan.pdf', size: MB, type: 'application/pdf' }, 10)).toBeNull();
    expect(precheckUpload({ name: 'IMG.PNG', size: MB, type: 'image/png' }, 10)).toBeNull();
  });

  it('goes by the extension when the picker gives no type', () => {
    expect(precheckUpload({ name: 'photo.JPG', size: MB, type: '' }, 10)).toBeNull();
  });
});
