// A local fake of the Telegram Bot API (https://core.telegram.org/bots/api) for `npm start` and the tests:
// Telegram cannot be reached from these machines. Runs in Node only; never bundled into the Worker.
// Never logs message text: it may be a resident's personal data.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  Chat,
  InlineKeyboardButton,
  Message,
  MessageEntity,
  Update,
  User,
  UserFromGetMe,
} from 'grammy/types';

export interface SandboxOptions {
  /** The only bot token accepted; any other token gets 401 Unauthorized. */
  token: string;
  /**
   * What getMe answers. Fields grammY's UserFromGetMe added later (has_topics_enabled, can_manage_bots, …)
   * may be given too; getMe answers false for those left out.
   */
  botInfo: {
    id: number;
    is_bot: true;
    first_name: string;
    username: string;
    can_join_groups: boolean;
    can_read_all_group_messages: boolean;
    supports_inline_queries: boolean;
    can_connect_to_business: boolean;
    has_main_web_app: boolean;
  } & Partial<UserFromGetMe>;
  /** 0/undefined = a random free port on 127.0.0.1. */
  port?: number;
  /** Messages per second across all chats (sliding 1 s window); undefined/0 = off. */
  globalPerSecond?: number;
  /** Messages per second to one chat (sliding 1 s window); undefined/0 = off. */
  perChatPerSecond?: number;
}

export interface RecordedCall {
  seq: number;
  method: string;
  /** Parameters as the bot sent them, with numbers/JSON decoded and uploads replaced by UploadedFileParam. */
  params: Record<string, unknown>;
  /** Date.now() when the answer was sent. */
  at: number;
  status: number;
  response: unknown;
}

/** What a file sent by upload (multipart) looks like in RecordedCall.params. */
export interface UploadedFileParam {
  uploaded: true;
  file_name: string;
  file_size: number;
  /** Set once the sandbox stored the upload (i.e. the call got past validation). */
  file_id?: string;
  file_unique_id?: string;
  mime_type?: string;
}

export interface FailureRule {
  method?: string;
  chatId?: number | string;
  status: 400 | 403 | 429 | 500 | 502;
  description?: string;
  retryAfter?: number;
  /** Default 1; Infinity allowed. */
  times?: number;
}

export interface StoredFileInfo {
  file_id: string;
  file_unique_id: string;
  file_size: number;
}

export interface PushUpdateResult {
  update_id: number;
  delivered: 'webhook' | 'queued';
  /** HTTP status the webhook answered with. */
  webhookStatus?: number;
  /** Set when the webhook could not be reached at all (no status). */
  webhookError?: string;
}

export interface TelegramSandbox {
  /** e.g. 'http://127.0.0.1:41234' — grammY's `client.apiRoot`. */
  readonly apiRoot: string;
  readonly calls: RecordedCall[];
  callsTo(method: string): RecordedCall[];
  /** Resolves with the first existing or future call matching `pred`; rejects after timeoutMs (default 5000). */
  waitForCall(pred: (c: RecordedCall) => boolean, timeoutMs?: number): Promise<RecordedCall>;
  /** Changes only the limits named in `l`; pass 0 or undefined explicitly to turn one off. */
  setRateLimits(l: { globalPerSecond?: number; perChatPerSecond?: number }): void;
  injectFailure(rule: FailureRule): void;
  /** Stores bytes so a crafted photo/document update's getFile + download work. */
  putFile(data: Uint8Array, opts?: { fileName?: string; mimeType?: string }): StoredFileInfo;
  /**
   * Assigns the next update_id (overriding any given) and delivers the update: POSTed to the webhook when
   * one is set (with X-Telegram-Bot-Api-Secret-Token), else queued for getUpdates.
   */
  pushUpdate(partial: object): Promise<PushUpdateResult>;
  /** Clears calls, failures and rate-limit windows (not the webhook, files or messages). */
  reset(): void;
  close(): Promise<void>;
}

type Params = Record<string, unknown>;

const MAX_BODY_BYTES = 50 * 1024 * 1024; // Telegram's upload limit for bots
const MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024; // getFile refuses bigger files
const MAX_LONG_POLL_SECONDS = 50;
const MAX_INSPECTION_WAIT_MS = 60_000;
const WEBHOOK_TIMEOUT_MS = 60_000;

const NOT_MODIFIED =
  'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message';

const CHAT_ACTIONS = new Set([
  'typing',
  'upload_photo',
  'record_video',
  'upload_video',
  'record_voice',
  'upload_voice',
  'upload_document',
  'choose_sticker',
  'find_location',
  'record_video_note',
  'upload_video_note',
]);

// Telegram sends some parameters as JSON-serialized strings in form and multipart bodies.
const JSON_PARAMS = new Set([
  'reply_markup',
  'entities',
  'caption_entities',
  'allowed_updates',
  'commands',
  'scope',
  'menu_button',
  'link_preview_options',
  'reply_parameters',
]);
const INT_PARAMS = new Set([
  'chat_id',
  'message_id',
  'offset',
  'limit',
  'timeout',
  'cache_time',
  'max_connections',
  'message_thread_id',
  'reply_to_message_id',
]);
const BOOL_PARAMS = new Set([
  'show_alert',
  'drop_pending_updates',
  'disable_notification',
  'protect_content',
  'disable_web_page_preview',
  'disable_content_type_detection',
]);

/** An error answered as `{ ok: false, error_code, description, parameters? }`. */
class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly description: string,
    readonly retryAfter?: number,
  ) {
    super(description);
  }
}

/** A success whose answer carries a description too, like setWebhook's "Webhook was set". */
class Described {
  constructor(
    readonly result: unknown,
    readonly description: string,
  ) {}
}

/** A file part of a multipart request, before the method stored it. */
class Upload {
  constructor(
    readonly data: Uint8Array,
    readonly fileName: string,
  ) {}
}

interface StoredFile extends StoredFileInfo {
  file_path: string;
  data: Uint8Array;
  file_name?: string;
  mime_type?: string;
  width?: number;
  height?: number;
}

type PollEnd = 'update' | 'timeout' | 'conflict' | 'released';

interface PollWaiter {
  wake(reason: PollEnd): void;
}

const badRequest = (what: string) => new ApiError(400, `Bad Request: ${what}`);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

function randomToken(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

function stringParam(p: Params, key: string): string | undefined {
  const v = p[key];
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

function intParam(p: Params, key: string): number | undefined {
  const v = p[key];
  return typeof v === 'number' && Number.isInteger(v) ? v : undefined;
}

function normalizeParams(raw: Params): Params {
  const out: Params = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value === null || value === undefined) continue;
    let v = value;
    if (typeof v === 'string' && JSON_PARAMS.has(key)) {
      try {
        v = JSON.parse(v);
      } catch {
        throw badRequest(`can't parse ${key} JSON object`);
      }
    } else if (typeof v === 'string' && INT_PARAMS.has(key) && /^-?\d+$/.test(v)) {
      v = Number(v);
    } else if (typeof v === 'string' && BOOL_PARAMS.has(key) && (v === 'true' || v === 'false')) {
      v = v === 'true';
    }
    out[key] = v;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Request bodies

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new ApiError(413, 'Request Entity Too Large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function headerParam(header: string, name: string): string | undefined {
  // Quoted (RFC 7578) or bare up to ';' — grammY sends `filename=` unquoted.
  const re = new RegExp(`(?:^|;)\\s*${name}\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^;]*))`, 'i');
  const m = re.exec(header);
  if (!m) return undefined;
  return m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2]?.trim();
}

/** Parses multipart/form-data by hand: grammY's headers (`content-disposition:form-data;name=…`) are terse. */
function parseMultipart(body: Buffer, contentType: string): Params {
  const boundary = headerParam(contentType, 'boundary');
  if (!boundary) throw badRequest('multipart boundary is missing');
  const delimiter = Buffer.from(`--${boundary}`);
  const fields: Record<string, string> = {};
  const files = new Map<string, Upload>();
  let pos = body.indexOf(delimiter);
  while (pos !== -1) {
    let start = pos + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    if (body.subarray(start, start + 2).toString() === '\r\n') start += 2;
    const next = body.indexOf(delimiter, start);
    if (next === -1) break;
    // The part ends with the CRLF that precedes the next delimiter.
    let end = next;
    if (body[end - 2] === 0x0d && body[end - 1] === 0x0a) end -= 2;
    const part = body.subarray(start, end);
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd !== -1) {
      const headers = part.subarray(0, headerEnd).toString('utf8').split('\r\n');
      const content = part.subarray(headerEnd + 4);
      const disposition = headers.find((h) => h.toLowerCase().startsWith('content-disposition'));
      const value = disposition?.slice(disposition.indexOf(':') + 1) ?? '';
      const name = headerParam(value, 'name');
      const fileName = headerParam(value, 'filename');
      if (name !== undefined) {
        if (fileName !== undefined) files.set(name, new Upload(new Uint8Array(content), fileName));
        else fields[name] = content.toString('utf8');
      }
    }
    pos = next;
  }
  const params: Params = { ...fields };
  const attached = new Set<string>();
  for (const [key, value] of Object.entries(fields)) {
    if (value.startsWith('attach://')) {
      const upload = files.get(value.slice('attach://'.length));
      if (upload) {
        params[key] = upload;
        attached.add(value.slice('attach://'.length));
      }
    }
  }
  // Plain clients (curl -F photo=@x.jpg) name the file part after the parameter itself.
  for (const [name, upload] of files) {
    if (!attached.has(name) && params[name] === undefined) params[name] = upload;
  }
  return params;
}

async function parseRequestParams(req: IncomingMessage, url: URL): Promise<Params> {
  const params: Params = Object.fromEntries(url.searchParams);
  const body = await readBody(req);
  if (body.length === 0) return params;
  const contentType = req.headers['content-type'] ?? '';
  const type = contentType.toLowerCase();
  if (type.includes('multipart/form-data')) return { ...params, ...parseMultipart(body, contentType) };
  if (type.includes('application/x-www-form-urlencoded')) {
    return { ...params, ...Object.fromEntries(new URLSearchParams(body.toString('utf8'))) };
  }
  if (type.includes('application/json') || body[0] === 0x7b /* { */) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      throw badRequest("can't parse JSON encoded request body");
    }
    if (!isRecord(parsed)) throw badRequest('request body must be a JSON object');
    return { ...params, ...parsed };
  }
  return params;
}

// ---------------------------------------------------------------------------------------------------
// Formatting: Telegram parses parse_mode=HTML and rejects malformed markup, which is a common bot bug
// (an unescaped "<" in user-provided text), so the sandbox does too. MarkdownV2 is passed through as-is.

const HTML_ENTITY_TYPES: Record<string, string> = {
  b: 'bold',
  strong: 'bold',
  i: 'italic',
  em: 'italic',
  u: 'underline',
  ins: 'underline',
  s: 'strikethrough',
  strike: 'strikethrough',
  del: 'strikethrough',
  span: 'spoiler',
  'tg-spoiler': 'spoiler',
  a: 'text_link',
  code: 'code',
  pre: 'pre',
  blockquote: 'blockquote',
  'tg-emoji': 'custom_emoji',
};

interface OpenTag {
  tag: string;
  start: number;
  attrs: Record<string, string>;
  language?: string;
}

function parseHtml(input: string): { text: string; entities: MessageEntity[] } {
  const fail = (what: string): never => {
    throw badRequest(`can't parse entities: ${what}`);
  };
  const byteOffset = (i: number) => Buffer.byteLength(input.slice(0, i), 'utf8');
  const startTag =
    /<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z-]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+))?)*)\s*>/y;
  const attrRe = /([a-zA-Z-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?/g;
  const entityRe = /&(#\d+|#x[0-9a-fA-F]+|lt|gt|amp|quot);/y;
  const stack: OpenTag[] = [];
  const entities: MessageEntity[] = [];
  let text = '';
  let i = 0;
  while (i < input.length) {
    const ch = input[i];
    if (ch === '<' && input[i + 1] === '/') {
      const close = input.indexOf('>', i);
      if (close === -1) fail(`Unclosed end tag at byte offset ${byteOffset(i)}`);
      const name = input
        .slice(i + 2, close)
        .trim()
        .toLowerCase();
      const open = stack.pop();
      if (!open) fail(`Unexpected end tag at byte offset ${byteOffset(i)}`);
      else {
        if (open.tag !== name) {
          fail(
            `Unmatched end tag at byte offset ${byteOffset(i)}, expected "</${open.tag}>", found "</${name}>"`,
          );
        }
        const parent = stack.at(-1);
        const language = open.attrs.class?.startsWith('language-') ? open.attrs.class.slice(9) : undefined;
        if (open.tag === 'code' && parent?.tag === 'pre' && language) parent.language = language;
        else pushEntity(entities, open, text.length);
      }
      i = close + 1;
    } else if (ch === '<') {
      startTag.lastIndex = i;
      const m = startTag.exec(input);
      const tag = m?.[1]?.toLowerCase();
      if (!m || !tag || !(tag in HTML_ENTITY_TYPES)) {
        const shown = tag ?? /^<([^\s>]*)/.exec(input.slice(i, i + 40))?.[1] ?? '';
        fail(`Unsupported start tag "${shown}" at byte offset ${byteOffset(i)}`);
      } else {
        const attrs: Record<string, string> = {};
        for (const a of (m[2] ?? '').matchAll(attrRe)) {
          if (a[1]) attrs[a[1].toLowerCase()] = a[2] ?? a[3] ?? a[4] ?? '';
        }
        if (tag === 'span' && attrs.class !== 'tg-spoiler') {
          fail(`Tag "span" must have class "tg-spoiler" at byte offset ${byteOffset(i)}`);
        }
        stack.push({ tag, start: text.length, attrs });
        i += m[0].length;
      }
    } else if (ch === '&') {
      entityRe.lastIndex = i;
      const m = entityRe.exec(input);
      const name = m?.[1];
      if (m && name) {
        if (name === 'lt') text += '<';
        else if (name === 'gt') text += '>';
        else if (name === 'amp') text += '&';
        else if (name === 'quot') text += '"';
        else {
          const code = name.startsWith('#x') ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
          text += code <= 0x10ffff ? String.fromCodePoint(code) : '';
        }
        i += m[0].length;
      } else {
        text += '&';
        i += 1;
      }
    } else {
      text += ch;
      i += 1;
    }
  }
  const unclosed = stack.at(-1);
  if (unclosed) fail(`Can't find end tag corresponding to start tag "${unclosed.tag}"`);
  entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
  return { text, entities };
}

function pushEntity(entities: MessageEntity[], open: OpenTag, end: number): void {
  const length = end - open.start;
  if (length <= 0) return; // Telegram drops empty entities
  const offset = open.start;
  const type = HTML_ENTITY_TYPES[open.tag];
  if (type === 'text_link') {
    if (open.attrs.href) entities.push({ type: 'text_link', offset, length, url: open.attrs.href });
  } else if (type === 'pre') {
    entities.push(
      open.language
        ? { type: 'pre', offset, length, language: open.language }
        : { type: 'pre', offset, length },
    );
  } else if (type === 'custom_emoji') {
    entities.push({ type: 'custom_emoji', offset, length, custom_emoji_id: open.attrs['emoji-id'] ?? '' });
  } else if (type === 'blockquote') {
    entities.push({
      type: 'expandable' in open.attrs ? 'expandable_blockquote' : 'blockquote',
      offset,
      length,
    });
  } else if (type) {
    entities.push({ type, offset, length } as MessageEntity);
  }
}

function formatText(
  raw: string,
  parseMode: string | undefined,
  entities: unknown,
): { text: string; entities?: MessageEntity[] } {
  if (parseMode?.toLowerCase() === 'html') {
    const parsed = parseHtml(raw);
    return parsed.entities.length > 0 ? parsed : { text: parsed.text };
  }
  if (!parseMode && Array.isArray(entities) && entities.length > 0) {
    return { text: raw, entities: entities as MessageEntity[] };
  }
  return { text: raw };
}

// ---------------------------------------------------------------------------------------------------
// Files

/** Width and height from a PNG or JPEG header, so sent photos get plausible PhotoSize values. */
function imageSize(data: Uint8Array): { width: number; height: number } | undefined {
  const b = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (b.length >= 24 && b.readUInt32BE(0) === 0x89504e47) {
    return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
  }
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8) {
    let p = 2;
    while (p + 9 < b.length) {
      if (b[p] !== 0xff) return undefined;
      const marker = b[p + 1] ?? 0;
      const length = b.readUInt16BE(p + 2);
      // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { height: b.readUInt16BE(p + 5), width: b.readUInt16BE(p + 7) };
      }
      p += 2 + length;
    }
  }
  return undefined;
}

const MIME_BY_EXT: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  heic: 'image/heic',
  pdf: 'application/pdf',
  txt: 'text/plain',
  csv: 'text/csv',
  json: 'application/json',
  zip: 'application/zip',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

function extensionOf(fileName: string | undefined): string | undefined {
  const m = fileName ? /\.([A-Za-z0-9]{1,8})$/.exec(fileName) : null;
  return m?.[1]?.toLowerCase();
}

// ---------------------------------------------------------------------------------------------------

interface WebhookState {
  url: string;
  secretToken?: string;
  maxConnections?: number;
  allowedUpdates?: unknown;
  lastErrorDate?: number;
  lastErrorMessage?: string;
}

type Handler = (p: Params, signal: AbortSignal) => unknown;

class Sandbox implements TelegramSandbox {
  apiRoot = '';
  readonly calls: RecordedCall[] = [];

  private server: Server;
  private readonly opts: SandboxOptions;
  private readonly bot: User;
  private readonly handlers: Map<string, { name: string; run: Handler }>;
  private globalPerSecond: number;
  private perChatPerSecond: number;
  private lastSeq = 0;
  private lastUpdateId = 0;
  private fileCounter = 0;
  private failures: { rule: FailureRule; remaining: number }[] = [];
  private globalWindow: number[] = [];
  private chatWindows = new Map<string, number[]>();
  private listeners = new Set<(c: RecordedCall) => void>();
  private queue: Update[] = [];
  private poller: PollWaiter | undefined;
  private webhook: WebhookState | undefined;
  private readonly files = new Map<string, StoredFile>();
  private readonly filesByPath = new Map<string, StoredFile>();
  private readonly messages = new Map<string, Message>();
  private readonly deleted = new Set<string>();
  private readonly lastMessageIds = new Map<number, number>();
  private readonly knownChats = new Map<number, Chat>();
  /** callback_query id → chat id, so the inspection endpoint can show answers to a chat's button presses. */
  private readonly callbackChats = new Map<string, number>();
  private readonly answeredCallbacks = new Set<string>();
  private readonly commands = new Map<string, unknown>();
  private readonly menuButtons = new Map<string, unknown>();
  private closed = false;

  constructor(opts: SandboxOptions) {
    this.opts = opts;
    this.globalPerSecond = opts.globalPerSecond ?? 0;
    this.perChatPerSecond = opts.perChatPerSecond ?? 0;
    const { id, first_name, username } = opts.botInfo;
    this.bot = { id, is_bot: true, first_name, username };
    this.handlers = this.buildHandlers();
    this.server = createServer((req, res) => {
      this.route(req, res).catch((err: unknown) => {
        const status = err instanceof ApiError ? err.status : 500;
        const description = err instanceof ApiError ? err.description : 'Internal Server Error';
        if (!res.headersSent) sendJson(res, status, { ok: false, error_code: status, description });
        else res.destroy();
      });
    });
    // Longer than any client's idle keep-alive, so a reused socket is never closed under a request.
    this.server.keepAliveTimeout = 65_000;
  }

  async listen(port: number): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    const address = this.server.address() as AddressInfo;
    this.apiRoot = `http://127.0.0.1:${address.port}`;
  }

  // ---- public API ---------------------------------------------------------------------------------

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  waitForCall(pred: (c: RecordedCall) => boolean, timeoutMs = 5000): Promise<RecordedCall> {
    const existing = this.calls.find(pred);
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const listener = (c: RecordedCall) => {
        if (c.seq === -1) {
          clearTimeout(timer);
          this.listeners.delete(listener);
          reject(new Error('Telegram sandbox closed while waiting for a call'));
        } else if (pred(c)) {
          clearTimeout(timer);
          this.listeners.delete(listener);
          resolve(c);
        }
      };
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        const seen = this.calls.map((c) => `${c.method}(${c.status})`).join(', ') || 'none';
        reject(new Error(`waitForCall timed out after ${timeoutMs} ms; calls recorded: ${seen}`));
      }, timeoutMs);
      this.listeners.add(listener);
    });
  }

  setRateLimits(l: { globalPerSecond?: number; perChatPerSecond?: number }): void {
    if ('globalPerSecond' in l) this.globalPerSecond = l.globalPerSecond ?? 0;
    if ('perChatPerSecond' in l) this.perChatPerSecond = l.perChatPerSecond ?? 0;
  }

  injectFailure(rule: FailureRule): void {
    const times = rule.times ?? 1;
    if (times > 0) this.failures.push({ rule, remaining: times });
  }

  putFile(data: Uint8Array, opts: { fileName?: string; mimeType?: string } = {}): StoredFileInfo {
    const isPhoto = opts.mimeType?.startsWith('image/') ?? false;
    const file = this.storeFile(data, isPhoto ? 'photos' : 'documents', opts.fileName, opts.mimeType);
    return { file_id: file.file_id, file_unique_id: file.file_unique_id, file_size: file.file_size };
  }

  async pushUpdate(partial: object): Promise<PushUpdateResult> {
    this.lastUpdateId += 1;
    const update = this.observeUpdate({ ...partial, update_id: this.lastUpdateId } as Update);
    if (this.webhook) {
      const outcome = await this.deliverToWebhook(this.webhook, update);
      return { update_id: update.update_id, delivered: 'webhook', ...outcome };
    }
    this.queue.push(update);
    this.poller?.wake('update');
    return { update_id: update.update_id, delivered: 'queued' };
  }

  reset(): void {
    // seq keeps counting so long-pollers holding a `since` never miss or repeat a call.
    this.calls.length = 0;
    this.failures = [];
    this.globalWindow = [];
    this.chatWindows.clear();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.poller?.wake('released');
    const closing = { seq: -1 } as RecordedCall;
    for (const listener of [...this.listeners]) listener(closing);
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  // ---- HTTP routing -------------------------------------------------------------------------------

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const path = url.pathname;
    const abort = new AbortController();
    res.on('close', () => abort.abort());

    if (path.startsWith('/__sandbox/')) return this.routeInspection(req, res, url, abort.signal);

    const file = /^\/file\/bot([^/]+)\/(.+)$/.exec(path);
    if (file && req.method === 'GET') {
      if (decodeURIComponent(file[1] ?? '') !== this.opts.token) {
        return sendJson(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
      }
      const stored = this.filesByPath.get(decodeURIComponent(file[2] ?? ''));
      if (!stored) return sendJson(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': stored.file_size });
      res.end(Buffer.from(stored.data));
      return;
    }

    const api = /^\/bot([^/]+)\/([^/]*)$/.exec(path);
    if (!api) return sendJson(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    const token = decodeURIComponent(api[1] ?? '');
    const method = api[2] ?? '';
    let raw: Params;
    try {
      raw = await parseRequestParams(req, url);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      const body = this.record(method, {}, err);
      return sendJson(res, err.status, body.response);
    }
    if (token !== this.opts.token) {
      const call = this.record(method, raw, new ApiError(401, 'Unauthorized'));
      return sendJson(res, call.status, call.response);
    }
    const call = await this.callApi(method, raw, abort.signal);
    sendJson(res, call.status, call.response);
  }

  private async routeInspection(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    signal: AbortSignal,
  ): Promise<void> {
    const route = `${req.method} ${url.pathname}`;
    if (route === 'GET /__sandbox/calls') {
      const since = Number(url.searchParams.get('since') ?? 0) || 0;
      const chatId = url.searchParams.get('chat_id');
      const wait = Math.min(Number(url.searchParams.get('wait') ?? 0) || 0, MAX_INSPECTION_WAIT_MS);
      const matches = (c: RecordedCall) =>
        c.seq > since && (chatId === null || this.chatOfCall(c) === chatId);
      let found = this.calls.filter(matches);
      if (found.length === 0 && wait > 0 && !this.closed) {
        await new Promise<void>((resolve) => {
          const done = () => {
            clearTimeout(timer);
            this.listeners.delete(listener);
            signal.removeEventListener('abort', done);
            resolve();
          };
          const listener = (c: RecordedCall) => {
            if (c.seq === -1 || matches(c)) done();
          };
          const timer = setTimeout(done, wait);
          this.listeners.add(listener);
          signal.addEventListener('abort', done);
        });
        // Let calls recorded in the same tick join the answer.
        await new Promise((resolve) => setImmediate(resolve));
        found = this.calls.filter(matches);
      }
      return sendJson(res, 200, { calls: found });
    }
    if (route === 'GET /__sandbox/info') {
      const chatId = Number(url.searchParams.get('chat_id'));
      return sendJson(res, 200, {
        bot: this.opts.botInfo,
        apiRoot: this.apiRoot,
        lastSeq: this.lastSeq,
        webhookUrl: this.webhook?.url ?? '',
        ...(Number.isInteger(chatId) && chatId !== 0
          ? { lastMessageId: this.lastMessageIds.get(chatId) ?? 0 }
          : {}),
      });
    }
    if (route === 'POST /__sandbox/updates') {
      const body = await readBody(req);
      let partial: unknown;
      try {
        partial = JSON.parse(body.toString('utf8'));
      } catch {
        return sendJson(res, 400, { error: 'body must be a JSON update' });
      }
      if (!isRecord(partial)) return sendJson(res, 400, { error: 'body must be a JSON update' });
      return sendJson(res, 200, await this.pushUpdate(partial));
    }
    // Control and aggregate views for processes that do not hold the sandbox object (the broadcast
    // benchmark runs it in a child process; a Worker under wrangler dev talks to it over HTTP).
    if (route === 'POST /__sandbox/limits') {
      const body = parseJsonObject((await readBody(req)).toString('utf8')) ?? {};
      this.setRateLimits(body as { globalPerSecond?: number; perChatPerSecond?: number });
      return sendJson(res, 200, { ok: true });
    }
    if (route === 'POST /__sandbox/failures') {
      const rules: unknown = JSON.parse((await readBody(req)).toString('utf8') || '[]');
      if (!Array.isArray(rules)) return sendJson(res, 400, { error: 'body must be a JSON array of rules' });
      for (const rule of rules) this.injectFailure(rule as FailureRule);
      return sendJson(res, 200, { ok: true, rules: rules.length });
    }
    if (route === 'POST /__sandbox/reset') {
      this.reset();
      return sendJson(res, 200, { ok: true });
    }
    if (route === 'GET /__sandbox/summary') {
      return sendJson(res, 200, this.summary(url.searchParams.get('method') ?? 'sendMessage'));
    }
    if (route === 'POST /__sandbox/files') {
      const body = await readBody(req);
      const fileName = url.searchParams.get('name') ?? undefined;
      const mimeType = url.searchParams.get('mime') ?? undefined;
      return sendJson(res, 200, this.putFile(new Uint8Array(body), { fileName, mimeType }));
    }
    sendJson(res, 404, { error: `no sandbox route ${route}` });
  }

  /**
   * Aggregates of one method's calls without their contents: answers by status, successful sends per
   * chat, the times of successful sends, and injected failures not used yet (by status).
   */
  private summary(method: string) {
    const calls = this.calls.filter((c) => c.method.toLowerCase() === method.toLowerCase());
    const byStatus: Record<string, number> = {};
    const okPerChat: Record<string, number> = {};
    const okTimes: number[] = [];
    const chats = new Set<string>();
    for (const c of calls) {
      byStatus[c.status] = (byStatus[c.status] ?? 0) + 1;
      const chat = String(c.params.chat_id);
      chats.add(chat);
      if (c.status === 200) {
        okPerChat[chat] = (okPerChat[chat] ?? 0) + 1;
        okTimes.push(c.at);
      }
    }
    const unusedFailures: Record<string, number> = {};
    for (const f of this.failures)
      unusedFailures[f.rule.status] = (unusedFailures[f.rule.status] ?? 0) + f.remaining;
    return { calls: calls.length, chats: chats.size, byStatus, okPerChat, okTimes, unusedFailures };
  }

  private chatOfCall(c: RecordedCall): string | undefined {
    const chat = c.params.chat_id;
    if (typeof chat === 'number' || typeof chat === 'string') return String(chat);
    const query = c.params.callback_query_id;
    const fromQuery = typeof query === 'string' ? this.callbackChats.get(query) : undefined;
    return fromQuery === undefined ? undefined : String(fromQuery);
  }

  // ---- Bot API ------------------------------------------------------------------------------------

  /** Runs one Bot API method and records it; never throws for API-level errors. */
  private async callApi(method: string, raw: Params, signal: AbortSignal): Promise<RecordedCall> {
    const handler = this.handlers.get(method.toLowerCase());
    if (!handler) return this.record(method, raw, new ApiError(404, 'Not Found: method not found'));
    let params = raw;
    try {
      params = normalizeParams(raw);
      const failure = this.takeFailure(handler.name, params);
      if (failure) throw failure;
      const result = await handler.run(params, signal);
      return this.record(handler.name, params, result);
    } catch (err) {
      if (err instanceof ApiError) return this.record(handler.name, params, err);
      throw err;
    }
  }

  private record(method: string, params: Params, outcome: unknown): RecordedCall {
    let status = 200;
    let response: unknown;
    if (outcome instanceof ApiError) {
      status = outcome.status;
      response = {
        ok: false,
        error_code: outcome.status,
        description: outcome.description,
        ...(outcome.retryAfter !== undefined ? { parameters: { retry_after: outcome.retryAfter } } : {}),
      };
    } else if (outcome instanceof Described) {
      response = { ok: true, result: outcome.result, description: outcome.description };
    } else {
      response = { ok: true, result: outcome };
    }
    this.lastSeq += 1;
    const call: RecordedCall = {
      seq: this.lastSeq,
      method,
      params: describeUploads(params),
      at: Date.now(),
      status,
      response,
    };
    this.calls.push(call);
    for (const listener of [...this.listeners]) listener(call);
    return call;
  }

  private takeFailure(method: string, params: Params): ApiError | undefined {
    const index = this.failures.findIndex(
      ({ rule }) =>
        (rule.method === undefined || rule.method.toLowerCase() === method.toLowerCase()) &&
        (rule.chatId === undefined || String(rule.chatId) === stringParam(params, 'chat_id')),
    );
    const entry = this.failures[index];
    if (!entry) return undefined;
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.failures.splice(index, 1);
    const { rule } = entry;
    switch (rule.status) {
      case 400:
        return new ApiError(400, rule.description ?? 'Bad Request: chat not found');
      case 403:
        return new ApiError(403, rule.description ?? 'Forbidden: bot was blocked by the user');
      case 429: {
        const after = Math.max(1, Math.ceil(rule.retryAfter ?? 1));
        return new ApiError(429, rule.description ?? `Too Many Requests: retry after ${after}`, after);
      }
      case 500:
        return new ApiError(500, rule.description ?? 'Internal Server Error');
      case 502:
        return new ApiError(502, rule.description ?? 'Bad Gateway');
    }
  }

  /** Counts one message against the rate limits, or throws the 429 Telegram would answer. */
  private admitSend(chatId: number): void {
    const now = Date.now();
    const horizon = now - 1000;
    this.globalWindow = this.globalWindow.filter((t) => t > horizon);
    const key = String(chatId);
    const chatWindow = (this.chatWindows.get(key) ?? []).filter((t) => t > horizon);
    const tooMany = (window: number[]) => {
      const retryAfter = Math.max(1, Math.ceil(((window[0] ?? now) + 1000 - now) / 1000));
      return new ApiError(429, `Too Many Requests: retry after ${retryAfter}`, retryAfter);
    };
    if (this.perChatPerSecond > 0 && chatWindow.length >= this.perChatPerSecond) throw tooMany(chatWindow);
    if (this.globalPerSecond > 0 && this.globalWindow.length >= this.globalPerSecond) {
      throw tooMany(this.globalWindow);
    }
    chatWindow.push(now);
    this.chatWindows.set(key, chatWindow);
    this.globalWindow.push(now);
  }

  private buildHandlers(): Map<string, { name: string; run: Handler }> {
    const table: Record<string, Handler> = {
      getMe: (): UserFromGetMe => ({
        has_topics_enabled: false,
        allows_users_to_create_topics: false,
        can_manage_bots: false,
        supports_join_request_queries: false,
        ...this.opts.botInfo,
      }),
      sendMessage: (p) => this.sendMessage(p),
      sendPhoto: (p) => this.sendMedia(p, 'photo'),
      sendDocument: (p) => this.sendMedia(p, 'document'),
      editMessageText: (p) => this.editMessageText(p),
      editMessageReplyMarkup: (p) => this.editMessageReplyMarkup(p),
      deleteMessage: (p) => this.deleteMessage(p),
      answerCallbackQuery: (p) => this.answerCallbackQuery(p),
      setWebhook: (p) => this.setWebhook(p),
      deleteWebhook: (p) => this.deleteWebhook(p),
      getWebhookInfo: () => this.getWebhookInfo(),
      getUpdates: (p, signal) => this.getUpdates(p, signal),
      getFile: (p) => this.getFile(p),
      setMyCommands: (p) => this.setMyCommands(p),
      getMyCommands: (p) => this.commands.get(commandsKey(p)) ?? [],
      setChatMenuButton: (p) => {
        this.menuButtons.set(stringParam(p, 'chat_id') ?? '', p.menu_button ?? { type: 'default' });
        return true;
      },
      getChatMenuButton: (p) => this.menuButtons.get(stringParam(p, 'chat_id') ?? '') ?? { type: 'default' },
      sendChatAction: (p) => {
        this.requireChat(p);
        if (!CHAT_ACTIONS.has(stringParam(p, 'action') ?? '')) {
          throw badRequest('wrong parameter action in request');
        }
        return true;
      },
    };
    return new Map(Object.entries(table).map(([name, run]) => [name.toLowerCase(), { name, run }]));
  }

  private requireChat(p: Params): number {
    const raw = p.chat_id;
    if (raw === undefined || raw === '') throw badRequest('chat_id is empty');
    if (typeof raw !== 'number' || !Number.isInteger(raw) || raw === 0) throw badRequest('chat not found');
    return raw;
  }

  private requireMessageId(p: Params): number {
    const id = intParam(p, 'message_id');
    if (id === undefined) throw badRequest('message identifier is not specified');
    return id;
  }

  private chatFor(id: number): Chat {
    const known = this.knownChats.get(id);
    if (known) return known;
    if (id > 0) return { id, type: 'private', first_name: `User ${id}` };
    if (id < -1_000_000_000_000) return { id, type: 'supergroup', title: `Chat ${id}` };
    return { id, type: 'group', title: `Chat ${id}` };
  }

  private nextMessageId(chatId: number): number {
    const id = (this.lastMessageIds.get(chatId) ?? 0) + 1;
    this.lastMessageIds.set(chatId, id);
    return id;
  }

  private inlineMarkup(p: Params): Message['reply_markup'] | undefined {
    const markup = p.reply_markup;
    if (markup === undefined) return undefined;
    if (!isRecord(markup)) throw badRequest("can't parse reply keyboard markup JSON object");
    if (!('inline_keyboard' in markup)) return undefined; // only inline keyboards are part of a Message
    const rows = markup.inline_keyboard;
    if (!Array.isArray(rows) || !rows.every(Array.isArray)) {
      throw badRequest('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays');
    }
    for (const button of rows.flat() as InlineKeyboardButton[]) {
      if (!isRecord(button) || typeof button.text !== 'string' || button.text === '') {
        throw badRequest(
          "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard",
        );
      }
      if ('callback_data' in button) {
        const size = Buffer.byteLength(String(button.callback_data), 'utf8');
        if (size < 1 || size > 64) throw badRequest('BUTTON_DATA_INVALID');
      }
    }
    return rows.some((row) => row.length > 0)
      ? { inline_keyboard: rows as InlineKeyboardButton[][] }
      : undefined;
  }

  private storeMessage(chatId: number, content: Record<string, unknown>, markup: unknown): Message {
    const message = {
      message_id: this.nextMessageId(chatId),
      from: this.bot,
      chat: this.chatFor(chatId),
      date: nowSeconds(),
      ...content,
      ...(markup ? { reply_markup: markup } : {}),
    } as Message;
    this.messages.set(`${chatId}:${message.message_id}`, message);
    return message;
  }

  private sendMessage(p: Params): Message {
    const chatId = this.requireChat(p);
    const raw = stringParam(p, 'text') ?? '';
    if (raw.trim() === '') throw badRequest('message text is empty');
    const formatted = formatText(raw, stringParam(p, 'parse_mode'), p.entities);
    if (formatted.text.trim() === '') throw badRequest('message text is empty');
    if (formatted.text.length > 4096) throw badRequest('message is too long');
    const markup = this.inlineMarkup(p);
    this.admitSend(chatId);
    return this.storeMessage(chatId, formatted, markup);
  }

  private sendMedia(p: Params, kind: 'photo' | 'document'): Message {
    const chatId = this.requireChat(p);
    const caption = this.caption(p);
    const markup = this.inlineMarkup(p);
    const input = p[kind];
    if (input === undefined || input === '') throw badRequest(`there is no ${kind} in the request`);
    const file = this.resolveInputFile(p, kind);
    this.admitSend(chatId);
    const media =
      kind === 'photo'
        ? {
            photo: [
              {
                file_id: file.file_id,
                file_unique_id: file.file_unique_id,
                file_size: file.file_size,
                width: file.width ?? 0,
                height: file.height ?? 0,
              },
            ],
          }
        : {
            document: {
              file_id: file.file_id,
              file_unique_id: file.file_unique_id,
              file_size: file.file_size,
              ...(file.file_name !== undefined ? { file_name: file.file_name } : {}),
              ...(file.mime_type !== undefined ? { mime_type: file.mime_type } : {}),
            },
          };
    const captionFields = caption
      ? { caption: caption.text, ...(caption.entities ? { caption_entities: caption.entities } : {}) }
      : {};
    return this.storeMessage(chatId, { ...media, ...captionFields }, markup);
  }

  private caption(p: Params): { text: string; entities?: MessageEntity[] } | undefined {
    const raw = stringParam(p, 'caption');
    if (raw === undefined || raw === '') return undefined;
    const formatted = formatText(raw, stringParam(p, 'parse_mode'), p.caption_entities);
    if (formatted.text.length > 1024) throw badRequest('message caption is too long');
    return formatted;
  }

  /** Turns the photo/document parameter (upload, file_id or URL) into a stored file. */
  private resolveInputFile(p: Params, kind: 'photo' | 'document'): StoredFile {
    const input = p[kind];
    const folder = kind === 'photo' ? 'photos' : 'documents';
    if (input instanceof Upload) {
      const mime = kind === 'document' ? MIME_BY_EXT[extensionOf(input.fileName) ?? ''] : 'image/jpeg';
      const file = this.storeFile(input.data, folder, kind === 'document' ? input.fileName : undefined, mime);
      const described: UploadedFileParam = {
        uploaded: true,
        file_name: input.fileName,
        file_size: file.file_size,
        file_id: file.file_id,
        file_unique_id: file.file_unique_id,
        ...(file.mime_type !== undefined ? { mime_type: file.mime_type } : {}),
      };
      p[kind] = described;
      return file;
    }
    if (typeof input === 'string' && /^https?:\/\//i.test(input)) {
      // Telegram would download the URL; nothing outside this machine is reachable, so keep an empty file.
      const name = decodeURIComponent(new URL(input).pathname.split('/').pop() ?? '') || undefined;
      return this.storeFile(new Uint8Array(), folder, name, MIME_BY_EXT[extensionOf(name) ?? '']);
    }
    const known = typeof input === 'string' ? this.files.get(input) : undefined;
    if (!known) throw badRequest('wrong file identifier/HTTP URL specified');
    return known;
  }

  private storeFile(data: Uint8Array, folder: string, fileName?: string, mimeType?: string): StoredFile {
    this.fileCounter += 1;
    const ext = extensionOf(fileName) ?? (folder === 'photos' ? 'jpg' : 'dat');
    const prefix = folder === 'photos' ? 'AgACAgUAAxkBAA' : 'BQACAgUAAxkBAA';
    const size = folder === 'photos' ? imageSize(data) : undefined;
    const file: StoredFile = {
      file_id: `${prefix}${this.fileCounter.toString(36)}${randomToken(24)}`,
      file_unique_id: `AgAD${randomToken(8)}`,
      file_size: data.byteLength,
      file_path: `${folder}/file_${this.fileCounter}.${ext}`,
      data,
      ...(fileName !== undefined ? { file_name: fileName } : {}),
      ...(mimeType !== undefined ? { mime_type: mimeType } : {}),
      ...(size ?? {}),
    };
    this.files.set(file.file_id, file);
    this.filesByPath.set(file.file_path, file);
    return file;
  }

  /** A message the bot may edit or delete; undefined for one the sandbox never saw but could exist. */
  private findOwnMessage(chatId: number, messageId: number, verb: 'edit' | 'delete'): Message | undefined {
    const key = `${chatId}:${messageId}`;
    const message = this.messages.get(key);
    if (message) return message;
    if (this.deleted.has(key) || messageId > (this.lastMessageIds.get(chatId) ?? 0) || messageId <= 0) {
      throw badRequest(`message to ${verb} not found`);
    }
    // Tests may craft a callback query on a message from before this sandbox started; accept it.
    return undefined;
  }

  private editMessageText(p: Params): Message | true {
    const raw = stringParam(p, 'text') ?? '';
    if (raw.trim() === '') throw badRequest('message text is empty');
    const formatted = formatText(raw, stringParam(p, 'parse_mode'), p.entities);
    if (formatted.text.length > 4096) throw badRequest('message is too long');
    const markup = this.inlineMarkup(p);
    if (stringParam(p, 'inline_message_id')) return true;
    const chatId = this.requireChat(p);
    const messageId = this.requireMessageId(p);
    const current = this.findOwnMessage(chatId, messageId, 'edit');
    if (current && !('text' in current)) throw badRequest('there is no text in the message to edit');
    if (
      current &&
      current.text === formatted.text &&
      sameJson(current.entities, formatted.entities) &&
      sameJson(current.reply_markup, markup)
    ) {
      throw badRequest(NOT_MODIFIED);
    }
    const edited = {
      message_id: messageId,
      from: this.bot,
      chat: current?.chat ?? this.chatFor(chatId),
      date: current?.date ?? nowSeconds(),
      edit_date: nowSeconds(),
      ...formatted,
      ...(markup ? { reply_markup: markup } : {}),
    } as Message;
    this.messages.set(`${chatId}:${messageId}`, edited);
    return edited;
  }

  private editMessageReplyMarkup(p: Params): Message | true {
    const markup = this.inlineMarkup(p);
    if (stringParam(p, 'inline_message_id')) return true;
    const chatId = this.requireChat(p);
    const messageId = this.requireMessageId(p);
    const current = this.findOwnMessage(chatId, messageId, 'edit');
    if (current && sameJson(current.reply_markup, markup)) {
      throw badRequest(NOT_MODIFIED);
    }
    const base = current ?? {
      message_id: messageId,
      from: this.bot,
      chat: this.chatFor(chatId),
      date: nowSeconds(),
    };
    const edited = { ...base, edit_date: nowSeconds() } as Message;
    if (markup) edited.reply_markup = markup;
    else delete edited.reply_markup;
    this.messages.set(`${chatId}:${messageId}`, edited);
    return edited;
  }

  private deleteMessage(p: Params): true {
    const chatId = this.requireChat(p);
    const messageId = this.requireMessageId(p);
    this.findOwnMessage(chatId, messageId, 'delete');
    const key = `${chatId}:${messageId}`;
    this.messages.delete(key);
    this.deleted.add(key);
    return true;
  }

  private answerCallbackQuery(p: Params): true {
    const id = stringParam(p, 'callback_query_id');
    if (!id) throw badRequest('QUERY_ID_INVALID');
    if (this.answeredCallbacks.has(id)) {
      throw badRequest('query is too old and response timeout expired or query ID is invalid');
    }
    if ((stringParam(p, 'text') ?? '').length > 200) throw badRequest('MESSAGE_TOO_LONG');
    this.answeredCallbacks.add(id);
    return true;
  }

  private setWebhook(p: Params): Described | true {
    const url = stringParam(p, 'url') ?? '';
    if (url === '') return this.deleteWebhook(p);
    try {
      new URL(url);
    } catch {
      throw badRequest('bad webhook: Failed to resolve host: Name or service not known');
    }
    const secretToken = stringParam(p, 'secret_token');
    if (secretToken !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secretToken)) {
      throw badRequest('secret token contains unallowed characters');
    }
    if (p.drop_pending_updates === true) this.queue = [];
    this.webhook = {
      url,
      ...(secretToken !== undefined ? { secretToken } : {}),
      ...(intParam(p, 'max_connections') !== undefined
        ? { maxConnections: intParam(p, 'max_connections') }
        : {}),
      ...(p.allowed_updates !== undefined ? { allowedUpdates: p.allowed_updates } : {}),
    };
    // A pending long poll ends empty; the next getUpdates gets the "webhook is active" conflict.
    this.poller?.wake('released');
    // Telegram hands updates that waited for getUpdates to the new webhook.
    const pending = this.queue;
    this.queue = [];
    const webhook = this.webhook;
    void (async () => {
      for (const update of pending) await this.deliverToWebhook(webhook, update);
    })();
    return new Described(true, 'Webhook was set');
  }

  private deleteWebhook(p: Params): Described {
    if (p.drop_pending_updates === true) this.queue = [];
    const had = this.webhook !== undefined;
    this.webhook = undefined;
    return new Described(true, had ? 'Webhook was deleted' : 'Webhook is already deleted');
  }

  private getWebhookInfo(): Record<string, unknown> {
    const w = this.webhook;
    return {
      url: w?.url ?? '',
      has_custom_certificate: false,
      pending_update_count: this.queue.length,
      ...(w?.maxConnections !== undefined ? { max_connections: w.maxConnections } : {}),
      ...(w?.allowedUpdates !== undefined ? { allowed_updates: w.allowedUpdates } : {}),
      ...(w?.lastErrorDate !== undefined
        ? { last_error_date: w.lastErrorDate, last_error_message: w.lastErrorMessage }
        : {}),
    };
  }

  private async getUpdates(p: Params, signal: AbortSignal): Promise<Update[]> {
    if (this.webhook) {
      throw new ApiError(
        409,
        "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      );
    }
    const offset = intParam(p, 'offset') ?? 0;
    // A positive offset confirms every earlier update; a negative one keeps only the last -offset.
    if (offset > 0) this.queue = this.queue.filter((u) => u.update_id >= offset);
    else if (offset < 0) this.queue = this.queue.slice(offset);
    const limit = Math.min(Math.max(intParam(p, 'limit') ?? 100, 1), 100);
    const timeout = Math.min(Math.max(intParam(p, 'timeout') ?? 0, 0), MAX_LONG_POLL_SECONDS);
    // Telegram ends the older of two concurrent long polls; so does the sandbox (two bots on one token).
    this.poller?.wake('conflict');
    this.poller = undefined;
    if (this.queue.length === 0 && timeout > 0 && !this.closed && !signal.aborted) {
      const reason = await new Promise<PollEnd>((resolve) => {
        const waiter: PollWaiter = {
          wake: (why) => {
            clearTimeout(timer);
            signal.removeEventListener('abort', onAbort);
            if (this.poller === waiter) this.poller = undefined;
            resolve(why);
          },
        };
        const onAbort = () => waiter.wake('released');
        const timer = setTimeout(() => waiter.wake('timeout'), timeout * 1000);
        signal.addEventListener('abort', onAbort);
        this.poller = waiter;
      });
      if (reason === 'conflict') {
        throw new ApiError(
          409,
          'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
        );
      }
    }
    return this.queue.slice(0, limit);
  }

  private getFile(p: Params): Record<string, unknown> {
    const fileId = stringParam(p, 'file_id');
    if (!fileId) throw badRequest('file_id not specified');
    const file = this.files.get(fileId);
    if (!file) throw badRequest('invalid file_id');
    if (file.file_size > MAX_DOWNLOAD_BYTES) throw badRequest('file is too big');
    return {
      file_id: file.file_id,
      file_unique_id: file.file_unique_id,
      file_size: file.file_size,
      file_path: file.file_path,
    };
  }

  private setMyCommands(p: Params): true {
    const commands = p.commands;
    if (!Array.isArray(commands)) throw badRequest('parameter "commands" is required');
    if (commands.length > 100) throw badRequest('BOT_COMMANDS_TOO_MUCH');
    for (const c of commands) {
      if (!isRecord(c) || typeof c.command !== 'string' || !/^[a-z0-9_]{1,32}$/.test(c.command)) {
        throw badRequest('BOT_COMMAND_INVALID');
      }
      if (typeof c.description !== 'string' || c.description.length < 1 || c.description.length > 256) {
        throw badRequest('BOT_COMMAND_DESCRIPTION_INVALID');
      }
    }
    this.commands.set(commandsKey(p), commands);
    return true;
  }

  // ---- updates ------------------------------------------------------------------------------------

  /** Learns chats and message ids from an incoming update so the bot's replies look like Telegram's. */
  private observeUpdate(update: Update): Update {
    const out: Record<string, unknown> = { ...update };
    for (const key of ['message', 'edited_message', 'channel_post', 'edited_channel_post']) {
      const message = out[key];
      if (!isRecord(message) || !isRecord(message.chat) || typeof message.chat.id !== 'number') continue;
      const chatId = message.chat.id;
      const filled: Record<string, unknown> = { ...message };
      if (typeof filled.message_id !== 'number') filled.message_id = this.nextMessageId(chatId);
      else this.lastMessageIds.set(chatId, Math.max(this.lastMessageIds.get(chatId) ?? 0, filled.message_id));
      if (typeof filled.date !== 'number') filled.date = nowSeconds();
      this.knownChats.set(chatId, message.chat as unknown as Chat);
      out[key] = filled;
    }
    const query = out.callback_query;
    if (isRecord(query) && typeof query.id === 'string') {
      const message = isRecord(query.message) ? query.message : undefined;
      const chatId = isRecord(message?.chat)
        ? message.chat.id
        : isRecord(query.from)
          ? query.from.id
          : undefined;
      if (typeof chatId === 'number') this.callbackChats.set(query.id, chatId);
    }
    return out as unknown as Update;
  }

  private async deliverToWebhook(
    webhook: WebhookState,
    update: Update,
  ): Promise<{ webhookStatus?: number; webhookError?: string }> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (webhook.secretToken !== undefined) headers['X-Telegram-Bot-Api-Secret-Token'] = webhook.secretToken;
    try {
      const res = await fetch(webhook.url, {
        method: 'POST',
        headers,
        body: JSON.stringify(update),
        signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
      });
      const text = await res.text();
      if (!res.ok) {
        webhook.lastErrorDate = nowSeconds();
        webhook.lastErrorMessage = `Wrong response from the webhook: ${res.status} ${res.statusText}`;
      } else {
        // A webhook may answer with one Bot API call ("webhook reply"); Telegram executes it.
        const reply = parseJsonObject(text);
        if (reply && typeof reply.method === 'string') {
          const { method, ...params } = reply;
          await this.callApi(method, params, new AbortController().signal);
        }
      }
      return { webhookStatus: res.status };
    } catch (err) {
      const message =
        err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : 'error';
      webhook.lastErrorDate = nowSeconds();
      webhook.lastErrorMessage = message;
      return { webhookError: message };
    }
  }
}

function commandsKey(p: Params): string {
  return `${JSON.stringify(p.scope ?? { type: 'default' })}|${stringParam(p, 'language_code') ?? ''}`;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return isRecord(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

/** Replaces uploads that were never stored (the call failed first) with a plain description. */
function describeUploads(params: Params): Params {
  const out: Params = {};
  for (const [key, value] of Object.entries(params)) {
    out[key] =
      value instanceof Upload
        ? ({
            uploaded: true,
            file_name: value.fileName,
            file_size: value.data.byteLength,
          } satisfies UploadedFileParam)
        : value;
  }
  return out;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.destroyed) return;
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

export async function startTelegramSandbox(opts: SandboxOptions): Promise<TelegramSandbox> {
  const sandbox = new Sandbox(opts);
  await sandbox.listen(opts.port ?? 0);
  return sandbox;
}
