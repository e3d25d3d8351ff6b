// Saves a file the API answered (a CSV export) through a temporary link: works in a desktop browser;
// Telegram's in-app browser may ignore downloads, where the officer uses the desk sign-in instead.
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
