// The page's main action: Telegram's Main button inside Telegram, an in-page button (MainButtonSlot)
// in a plain browser. One owner at a time — the most recently mounted page that asks for it.
import { useEffect, useRef, useState } from 'preact/hooks';
import { onEvent, postEvent } from './bridge';
import { useInTelegram } from './telegram-context';
import { themeColor } from './theme';

export interface MainButtonOptions {
  text: string;
  onClick: () => void;
  /** false = shown but disabled (e.g. nothing to save). Default true. */
  active?: boolean;
  /** Shows Telegram's spinner / marks the in-page button busy while an action runs. */
  progress?: boolean;
}

export interface MainButtonState {
  text: string;
  active: boolean;
  progress: boolean;
  press: () => void;
}

let state: MainButtonState | null = null;
let owner: object | null = null;
const subscribers = new Set<() => void>();
let telegramListening = false;

function publish(next: MainButtonState | null, inTelegram: boolean): void {
  state = next;
  for (const notify of subscribers) notify();
  if (!inTelegram) return;
  if (!telegramListening) {
    telegramListening = true;
    onEvent('main_button_pressed', () => {
      if (state?.active && !state.progress) state.press();
    });
  }
  postEvent(
    'web_app_setup_main_button',
    next
      ? {
          is_visible: true,
          is_active: next.active,
          is_progress_visible: next.progress,
          text: next.text,
          color: themeColor('button_color'),
          text_color: themeColor('button_text_color'),
        }
      : { is_visible: false },
  );
}

/** Shows the main button while the calling component is mounted; `null` hides it. */
export function useMainButton(options: MainButtonOptions | null): void {
  const inTelegram = useInTelegram();
  const token = useRef({}).current;
  const latest = useRef(options);
  latest.current = options;
  const text = options?.text;
  const active = options?.active ?? true;
  const progress = options?.progress ?? false;
  useEffect(() => {
    if (text === undefined) {
      if (owner === token) {
        owner = null;
        publish(null, inTelegram);
      }
      return;
    }
    owner = token;
    publish({ text, active, progress, press: () => latest.current?.onClick() }, inTelegram);
  }, [text, active, progress, inTelegram, token]);
  useEffect(
    () => () => {
      if (owner === token) {
        owner = null;
        publish(null, inTelegram);
      }
    },
    [token, inTelegram],
  );
}

/** The current main button, for the in-page fallback outside Telegram. */
export function useMainButtonState(): MainButtonState | null {
  const [, setVersion] = useState(0);
  useEffect(() => {
    const notify = () => setVersion((v) => v + 1);
    subscribers.add(notify);
    return () => {
      subscribers.delete(notify);
    };
  }, []);
  return state;
}
