// Telegram's native back button: shown while `visible`, pressing it calls `onPress`.
import { useEffect, useRef } from 'preact/hooks';
import { onEvent, postEvent } from './bridge';
import { useInTelegram } from './telegram-context';

export function useBackButton(visible: boolean, onPress: () => void): void {
  const inTelegram = useInTelegram();
  const handler = useRef(onPress);
  handler.current = onPress;
  useEffect(() => {
    if (!inTelegram) return;
    postEvent('web_app_setup_back_button', { is_visible: visible });
    if (!visible) return;
    return onEvent('back_button_pressed', () => handler.current());
  }, [inTelegram, visible]);
}
