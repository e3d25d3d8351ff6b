// Whether the app runs inside a Telegram client, shared with every component that must choose
// between Telegram's native buttons and in-page ones.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

export const InTelegramContext = createContext(false);

export function useInTelegram(): boolean {
  return useContext(InTelegramContext);
}
