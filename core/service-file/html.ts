/** Text for a Telegram HTML message: the three characters Telegram's parser reads as markup. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
