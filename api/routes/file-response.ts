// Headers of every stored file the API hands out (certificate documents, certificate PDFs, campaign
// images): always a download, never a page of this origin. The bytes were checked and cleaned when
// they were stored, but a browser must still not sniff them into HTML or run anything in them if
// someone opens the address directly; the mini app fetches them with the sign-in and shows blob: URLs.
export function fileResponseHeaders(file: { contentType: string; fileName?: string; cacheControl: string }) {
  return {
    'Content-Type': file.contentType,
    'Content-Disposition': file.fileName ? `attachment; filename="${file.fileName}"` : 'attachment',
    'X-Content-Type-Options': 'nosniff',
    // Opened anyway (a viewer ignoring the disposition): an opaque origin with nothing allowed.
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'Cache-Control': file.cacheControl,
  };
}
