// Fixed, non-secret settings of the local sandbox. The token only ever reaches the local fake Bot API.
export const LOCAL_BOT_TOKEN = '7000000001:LOCAL-sandbox-token-not-a-secret';
export const LOCAL_WEBHOOK_SECRET = 'local-webhook-secret-0001';
export const LOCAL_BOT_USERNAME = 'township_dev_bot';
export const LOCAL_BOT_INFO = {
  id: 7000000001,
  is_bot: true as const,
  first_name: '乡镇人口服务',
  username: LOCAL_BOT_USERNAME,
  can_join_groups: false,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: true,
};
/**
 * Ed25519 seed that signs certificates in dev and tests — NOT A SECRET (it is in git). Production
 * uses its own CERT_SIGNING_KEY secret; certificates signed with this key id mean "not official".
 */
export const LOCAL_CERT_SIGNING_KEY = 'aVNMO-RBfh6gS5yV-h773IqNA3QPIAGG9eEs6N5HAfk';
export const LOCAL_CERT_SIGNING_KEY_ID = 'dev-1';
/** HMAC key of tip-off receipts in dev and tests — NOT A SECRET. Production sets TIPOFF_RECEIPT_KEY. */
export const LOCAL_TIPOFF_RECEIPT_KEY = 'local-tipoff-receipt-key-not-a-secret-0001';
/** The local Telegram sandbox's port (`npm start`, `npm run chat`); TELEGRAM_SANDBOX_PORT changes it for both. */
export const LOCAL_SANDBOX_PORT = 8790;

/** The sandbox's address from TELEGRAM_SANDBOX_PORT (as `npm start` uses it), else the default port. */
export function localSandboxUrl(env: Record<string, string | undefined>): string {
  const port = Number(env.TELEGRAM_SANDBOX_PORT);
  return `http://127.0.0.1:${Number.isInteger(port) && port > 0 ? port : LOCAL_SANDBOX_PORT}`;
}
