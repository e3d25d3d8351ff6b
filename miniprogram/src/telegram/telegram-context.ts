// Whether the app runs inside a Telegram client, and which one, shared with every component that must
// choose between Telegram's native features (buttons, QR scanner) and in-page ones.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

export const InTelegramContext = createContext(false);

export function useInTelegram(): boolean {
  return useContext(InTelegramContext);
}

/** The client's platform and Bot API version, from the launch parameters (tgWebAppPlatform/Version). */
export interface TelegramClient {
  platform: string;
  version: string;
}

export const TelegramClientContext = createContext<TelegramClient>({ platform: 'unknown', version: '6.0' });

export function useTelegramClient(): TelegramClient {
  return useContext(TelegramClientContext);
}
