// `npm run chat`: bot messages in Telegram HTML shown with terminal styles instead of raw tags, and one
// numbering of the buttons of every message on screen.
import { describe, expect, it } from 'vitest';
import { ButtonNumbers, telegramHtmlToTerminal } from '../../../scripts/chat-screen';
import { localSandboxUrl } from '../../../scripts/local-config';

// Marks styles visibly instead of with escape codes, to read the result.
const mark = (style: unknown, text: string) => `[${String(style)}:${text}]`;

describe('bot messages in the terminal', () => {
  it('shows bold, italic and links with styles, never the tags', () => {
    expect(
      telegramHtmlToTerminal(
        '<b>流动人口婚育证明</b>\n\n<i>免费</i> &lt;3 <a href="https://x.example/">详情</a>',
        mark,
      ),
    ).toBe('[bold:流动人口婚育证明]\n\n[italic:免费] <3 [underline:详情] (https://x.example/)');
  });

  it('styles nested formatting from the inside out', () => {
    expect(telegramHtmlToTerminal('<b>a <i>b</i> c</b>', mark)).toBe('[bold:a [italic:b] c]');
  });

  it('uses real ANSI codes by default, and leaves text Telegram would refuse as it is', () => {
    const styled = telegramHtmlToTerminal('<b>x</b>');
    expect(styled).not.toContain('<b>');
    expect(styled).toContain('x');
    expect(telegramHtmlToTerminal('<b>unclosed', mark)).toBe('<b>unclosed');
  });
});

describe('button numbers', () => {
  it('numbers the buttons of two messages one after the other', () => {
    const numbers = new ButtonNumbers<string>();
    expect(numbers.add(10, ['guide page 1', 'guide page 2'])).toEqual([1, 2]);
    expect(numbers.add(11, ['past campaign'])).toEqual([3]);
    expect(numbers.get(1)).toBe('guide page 1');
    expect(numbers.get(3)).toBe('past campaign');
  });

  it('gives an edited keyboard new numbers and retires the old ones', () => {
    const numbers = new ButtonNumbers<string>();
    numbers.add(10, ['on', 'off']);
    numbers.add(11, ['other']);
    expect(numbers.add(10, ['off', 'on'])).toEqual([4, 5]);
    expect(numbers.get(1)).toBeUndefined();
    expect(numbers.get(3)).toBe('other');
    numbers.retire(11);
    expect(numbers.has(11)).toBe(false);
  });

  it('starts again at 1 after the person types', () => {
    const numbers = new ButtonNumbers<string>();
    numbers.add(1, ['a', 'b']);
    numbers.clear();
    expect(numbers.add(2, ['c'])).toEqual([1]);
  });
});

describe('finding the sandbox', () => {
  it('uses TELEGRAM_SANDBOX_PORT like npm start does', () => {
    expect(localSandboxUrl({ TELEGRAM_SANDBOX_PORT: '8799' })).toBe('http://127.0.0.1:8799');
    expect(localSandboxUrl({})).toBe('http://127.0.0.1:8790');
    expect(localSandboxUrl({ TELEGRAM_SANDBOX_PORT: 'nonsense' })).toBe('http://127.0.0.1:8790');
  });
});
