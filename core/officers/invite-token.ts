// Invitation tokens are kept only as their SHA-256: a leaked table cannot be turned into links.
import { base64url } from '../runtime';

export async function hashInviteToken(token: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`officer-invite:${token}`));
  return base64url(new Uint8Array(digest));
}
