// `npm run chat -- --user 900001 [--name 王芳] [--lang zh-hans] [--sandbox http://127.0.0.1:8790]`:
// plays a demo user talking to the bot through the local Telegram sandbox (test/harness/telegram-sandbox.ts),
// found at TELEGRAM_SANDBOX_PORT like `npm start` uses it unless --sandbox says otherwise.
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { clearLine, createInterface, cursorTo, type Interface } from 'node:readline';
import { parseArgs, styleText } from 'node:util';
import type { InlineKeyboardButton, KeyboardButton, Message, Update } from 'grammy/types';
import { DEMO_USERS } from '../db/seed';
import type { PushUpdateResult, RecordedCall, StoredFileInfo } from '../test/harness/telegram-sandbox';
import {
  callbackUpdate,
  contactUpdate,
  documentUpdate,
  photoUpdate,
  textUpdate,
  type UpdateUser,
} from '../test/harness/telegram-updates';
import { ButtonNumbers, telegramHtmlToTerminal } from './chat-screen';
import { localSandboxUrl } from './local-config';

const USAGE =
  'Usage: npm run chat -- --user <telegram user id> [--name 王芳] [--lang zh-hans] [--sandbox http://127.0.0.1:8790]\n' +
  'Demo users: ' +
  DEMO_USERS.map((u) => `${u.telegramId} ${u.displayName}`).join(', ');
const HELP =
  'Type a message and press Enter · /photo <path> · /file <path> · a number presses a button shown above ' +
  '(\\2 sends "2" as text) · .quit or Ctrl-D exits';
const POLL_WAIT_MS = 25_000;

type Pressable =
  | { kind: 'callback'; text: string; data: string; message: Message }
  | { kind: 'link'; text: string; url: string }
  | { kind: 'reply'; text: string }
  | { kind: 'contact'; text: string }
  | { kind: 'unsupported'; text: string };

const MIME_BY_EXT: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain',
  '.doc': 'application/msword',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

function fail(message: string, code: number): never {
  console.error(message);
  process.exit(code);
  // The Workers types in tsconfig declare `process` as `any`, so TypeScript cannot see that exit() never returns.
  throw new Error('unreachable');
}

function parseCli(): { user: UpdateUser; sandbox: string } {
  let values: { user?: string; name?: string; lang?: string; sandbox?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        user: { type: 'string' },
        name: { type: 'string' },
        lang: { type: 'string' },
        sandbox: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    fail(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`, 2);
  }
  if (values.help) fail(USAGE, 0);
  const id = Number(values.user);
  if (!values.user || !Number.isSafeInteger(id) || id <= 0) fail(USAGE, 2);
  const sandbox = (
    values.sandbox ??
    process.env.TELEGRAM_SANDBOX_URL ??
    localSandboxUrl(process.env)
  ).replace(/\/+$/, '');
  // A demo account keeps its seeded name and language unless told otherwise.
  const demo = DEMO_USERS.find((u) => u.telegramId === id);
  const lang =
    values.lang ?? (demo?.language === 'zh-TW' ? 'zh-hant' : demo?.language === 'en' ? 'en' : 'zh-hans');
  return {
    user: { id, first_name: values.name ?? demo?.displayName ?? `Demo ${id}`, language_code: lang },
    sandbox,
  };
}

class SandboxUnreachable extends Error {}

class ChatClient {
  private since = 0;
  private lastMessageId = 0;
  /** Every button on screen since the person last typed, numbered once across messages. */
  private readonly buttons = new ButtonNumbers<Pressable>();
  private readonly queries = new Set<string>();
  private readonly stopPolling = new AbortController();
  // Created once the sandbox answered: lines piped in before a 'line' listener exists would be lost.
  private rl!: Interface;
  private pending: Promise<void> = Promise.resolve();
  private connectionLost = false;

  constructor(
    private readonly base: string,
    private readonly user: UpdateUser,
  ) {}

  async start(): Promise<void> {
    let info: { bot: { username: string }; lastSeq: number; lastMessageId?: number };
    try {
      info = await this.getJson(`/__sandbox/info?chat_id=${this.user.id}`, AbortSignal.timeout(3000));
    } catch {
      fail(`Telegram sandbox not reachable at ${this.base}; start the project with \`npm start\` first`, 1);
    }
    this.since = info.lastSeq;
    this.lastMessageId = info.lastMessageId ?? 0;
    console.log(
      `Chatting with @${info.bot.username} as ${this.user.first_name} (id ${this.user.id}, ${this.user.language_code}) via ${this.base}`,
    );
    console.log(styleText('dim', HELP));

    this.rl = createInterface({ input: process.stdin, output: process.stdout });
    this.rl.setPrompt(`${this.user.first_name} › `);
    this.rl.on('line', (line) => {
      // One line at a time, so updates reach the bot in the order they were typed.
      this.pending = this.pending.then(() => this.handleLine(line)).then(() => this.prompt());
    });
    this.rl.on('SIGINT', () => this.rl.close());
    this.rl.on('close', () => {
      // Piped input ends before the bot's last replies were printed: show them, then leave.
      void this.pending
        .then(() => this.drain())
        .finally(() => {
          this.stopPolling.abort();
          process.exit(0);
        });
    });
    this.prompt();
    void this.poll();
  }

  // ---- output -------------------------------------------------------------------------------------

  private print(line: string): void {
    if (process.stdout.isTTY) {
      clearLine(process.stdout, 0);
      cursorTo(process.stdout, 0);
      console.log(line);
      this.prompt(true);
    } else {
      console.log(line);
    }
  }

  private prompt(preserveCursor?: boolean): void {
    // Piped input (scripts, demos) gets no prompts in the transcript.
    if (process.stdin.isTTY) this.rl.prompt(preserveCursor);
  }

  private say(text: string): void {
    this.print(`${styleText('cyan', 'bot ›')} ${text}`);
  }

  private note(text: string): void {
    this.print(styleText('dim', `(${text})`));
  }

  // ---- the bot's side -----------------------------------------------------------------------------

  private async poll(): Promise<void> {
    while (!this.stopPolling.signal.aborted) {
      try {
        const { calls } = await this.getJson<{ calls: RecordedCall[] }>(
          `/__sandbox/calls?since=${this.since}&chat_id=${this.user.id}&wait=${POLL_WAIT_MS}`,
          this.stopPolling.signal,
        );
        if (this.connectionLost) this.note('reconnected to the Telegram sandbox');
        this.connectionLost = false;
        for (const call of calls) {
          if (call.seq <= this.since) continue;
          this.since = call.seq;
          this.render(call);
        }
      } catch {
        if (this.stopPolling.signal.aborted) return;
        if (!this.connectionLost) this.note(`lost the Telegram sandbox at ${this.base}; retrying`);
        this.connectionLost = true;
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  }

  private async drain(): Promise<void> {
    try {
      const { calls } = await this.getJson<{ calls: RecordedCall[] }>(
        `/__sandbox/calls?since=${this.since}&chat_id=${this.user.id}&wait=300`,
        AbortSignal.timeout(2000),
      );
      for (const call of calls) {
        if (call.seq <= this.since) continue;
        this.since = call.seq;
        this.render(call);
      }
    } catch {
      // nothing more to show
    }
  }

  private render(call: RecordedCall): void {
    const p = call.params;
    const response = call.response as { ok: boolean; result?: unknown; description?: string };
    if (call.status !== 200) {
      this.note(`the bot's ${call.method} failed: ${call.status} ${response.description ?? ''}`);
      return;
    }
    const result = typeof response.result === 'object' ? (response.result as Message) : undefined;
    if (result?.message_id) this.lastMessageId = Math.max(this.lastMessageId, result.message_id);
    const caption = typeof p.caption === 'string' ? ` ${this.formatted(p.caption, p.parse_mode)}` : '';
    switch (call.method) {
      case 'sendMessage':
        this.say(this.formatted(p.text, p.parse_mode));
        this.showKeyboard(p.reply_markup, result);
        break;
      case 'sendPhoto':
        this.say(`[photo]${caption}`);
        this.showKeyboard(p.reply_markup, result);
        break;
      case 'sendDocument':
        this.say(`[document: ${result?.document?.file_name ?? 'file'}]${caption}`);
        this.showKeyboard(p.reply_markup, result);
        break;
      case 'editMessageText':
        this.say(`(edited) ${this.formatted(p.text, p.parse_mode)}`);
        this.afterEdit(p, result);
        break;
      case 'editMessageReplyMarkup':
        this.say('(buttons changed)');
        this.afterEdit(p, result);
        break;
      case 'deleteMessage':
        this.say('(deleted a message)');
        break;
      case 'sendChatAction':
        this.note(`bot is ${String(p.action).replace(/_/g, ' ')}…`);
        break;
      case 'answerCallbackQuery':
        if (typeof p.text === 'string' && p.text !== '')
          this.say(`${p.show_alert ? '(alert)' : '(toast)'} ${p.text}`);
        if (typeof p.url === 'string') this.note(`opens ${p.url}`);
        break;
      case 'setChatMenuButton': {
        const button = p.menu_button as
          | { type?: string; text?: string; web_app?: { url?: string } }
          | undefined;
        if (button?.type === 'web_app')
          this.note(`menu button "${button.text}" opens ${button.web_app?.url}`);
        break;
      }
    }
  }

  /** Telegram HTML as terminal styles (bold, italic…); plain text as it is. */
  private formatted(text: unknown, parseMode: unknown): string {
    return parseMode === 'HTML' ? telegramHtmlToTerminal(String(text)) : String(text);
  }

  private afterEdit(p: Record<string, unknown>, result: Message | undefined): void {
    const messageId = typeof p.message_id === 'number' ? p.message_id : undefined;
    if (p.reply_markup !== undefined) this.showKeyboard(p.reply_markup, result);
    // Telegram drops an inline keyboard that an edit does not repeat.
    else if (messageId !== undefined) this.buttons.retire(messageId);
  }

  private showKeyboard(markup: unknown, message: Message | undefined): void {
    if (typeof markup !== 'object' || markup === null) return;
    let rows: Pressable[][];
    let messageId: number | undefined;
    if ('inline_keyboard' in markup && Array.isArray(markup.inline_keyboard) && message) {
      rows = (markup.inline_keyboard as InlineKeyboardButton[][]).map((row) =>
        row.map((b) => inlinePressable(b, message)),
      );
      messageId = message.message_id;
    } else if ('keyboard' in markup && Array.isArray(markup.keyboard)) {
      rows = (markup.keyboard as KeyboardButton[][]).map((row) => row.map(replyPressable));
    } else {
      if ('remove_keyboard' in markup) this.note('keyboard removed');
      return;
    }
    const numbers = this.buttons.add(messageId, rows.flat());
    let next = 0;
    for (const row of rows) {
      if (row.length === 0) continue;
      this.print(`      ${row.map((p) => label(numbers[next++]!, p)).join('  ')}`);
    }
  }

  // ---- the user's side ----------------------------------------------------------------------------

  private async handleLine(line: string): Promise<void> {
    const text = line.trim();
    if (text === '') return;
    if (text === '.quit') {
      this.rl.close();
      return;
    }
    try {
      const number = /^\d+$/.test(text) ? Number(text) : undefined;
      const button = number !== undefined ? this.buttons.get(number) : undefined;
      if (button) return await this.press(button);
      this.buttons.clear();
      const media = /^\/(photo|file)\s+(.+)$/.exec(text);
      if (media?.[1] && media[2])
        return await this.sendFile(media[1] === 'photo' ? 'photo' : 'document', media[2]);
      await this.push(textUpdate(this.user, /^\\\d+$/.test(text) ? text.slice(1) : text, this.ids()));
    } catch (err) {
      if (err instanceof SandboxUnreachable) this.note(err.message);
      else this.note(`could not send: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private async press(button: Pressable): Promise<void> {
    switch (button.kind) {
      case 'callback': {
        const update = callbackUpdate(this.user, button.message, button.data);
        if (update.callback_query) this.queries.add(update.callback_query.id);
        await this.push(update);
        break;
      }
      case 'link':
        this.note(`open in a browser: ${button.url}`);
        break;
      case 'reply':
        await this.push(textUpdate(this.user, button.text, this.ids()));
        break;
      case 'contact': {
        // A made-up number in the reserved 138 0000 range, tied to the demo user id.
        const phone = `+86138${String(this.user.id % 100_000_000).padStart(8, '0')}`;
        await this.push(contactUpdate(this.user, phone, this.ids()));
        break;
      }
      case 'unsupported':
        this.note('this kind of button is not supported by the chat client');
        break;
    }
  }

  private async sendFile(kind: 'photo' | 'document', path: string): Promise<void> {
    let data: Buffer;
    try {
      data = await readFile(path);
    } catch (err) {
      this.note(`cannot read ${path}: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    const fileName = basename(path);
    const mime = MIME_BY_EXT[extname(path).toLowerCase()] ?? 'application/octet-stream';
    const stored = await this.postJson<StoredFileInfo>(
      `/__sandbox/files?name=${encodeURIComponent(fileName)}&mime=${encodeURIComponent(mime)}`,
      new Uint8Array(data),
    );
    const update =
      kind === 'photo'
        ? photoUpdate(this.user, stored, this.ids())
        : documentUpdate(this.user, { ...stored, file_name: fileName, mime_type: mime }, this.ids());
    await this.push(update);
  }

  /** Message ids in a private chat are shared by both sides, so the user's next one follows the bot's last. */
  private ids(): { message_id: number } {
    this.lastMessageId += 1;
    return { message_id: this.lastMessageId };
  }

  private async push(update: Update): Promise<void> {
    const result = await this.postJson<PushUpdateResult>('/__sandbox/updates', JSON.stringify(update));
    if (result.webhookError) this.note(`the bot's webhook is unreachable: ${result.webhookError}`);
    else if (
      result.webhookStatus !== undefined &&
      (result.webhookStatus < 200 || result.webhookStatus > 299)
    ) {
      this.note(`the bot's webhook answered HTTP ${result.webhookStatus}`);
    }
  }

  // ---- HTTP ---------------------------------------------------------------------------------------

  private async getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
    return this.request<T>(path, { signal: signal ?? null });
  }

  private async postJson<T>(path: string, body: string | Uint8Array<ArrayBuffer>): Promise<T> {
    const headers = {
      'content-type': typeof body === 'string' ? 'application/json' : 'application/octet-stream',
    };
    return this.request<T>(path, { method: 'POST', headers, body });
  }

  private async request<T>(path: string, init: RequestInit): Promise<T> {
    let res: Response;
    try {
      res = await fetch(`${this.base}${path}`, init);
    } catch (err) {
      if (init.signal?.aborted) throw err;
      throw new SandboxUnreachable(`Telegram sandbox not reachable at ${this.base}`);
    }
    if (!res.ok) throw new Error(`sandbox answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as T;
  }
}

function label(n: number, p: Pressable): string {
  if (p.kind === 'link') return `[${n}] ${p.text} → ${p.url}`;
  if (p.kind === 'contact') return `[${n}] ${p.text} (shares a phone number)`;
  if (p.kind === 'unsupported') return `[${n}] ${p.text} (not supported here)`;
  return `[${n}] ${p.text}`;
}

function inlinePressable(b: InlineKeyboardButton, message: Message): Pressable {
  if ('callback_data' in b && typeof b.callback_data === 'string') {
    return { kind: 'callback', text: b.text, data: b.callback_data, message };
  }
  if ('web_app' in b && b.web_app) return { kind: 'link', text: b.text, url: b.web_app.url };
  if ('url' in b && typeof b.url === 'string') return { kind: 'link', text: b.text, url: b.url };
  if ('login_url' in b && b.login_url) return { kind: 'link', text: b.text, url: b.login_url.url };
  return { kind: 'unsupported', text: b.text };
}

function replyPressable(b: KeyboardButton): Pressable {
  if (typeof b === 'string') return { kind: 'reply', text: b };
  if ('web_app' in b && b.web_app) return { kind: 'link', text: b.text, url: b.web_app.url };
  if ('request_contact' in b && b.request_contact) return { kind: 'contact', text: b.text };
  if (Object.keys(b).length === 1) return { kind: 'reply', text: b.text };
  return { kind: 'unsupported', text: b.text };
}

const { user, sandbox } = parseCli();
await new ChatClient(sandbox, user).start();
