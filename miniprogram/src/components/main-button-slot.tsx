// Outside Telegram, the page's main action (useMainButton) as an ordinary button pinned to the bottom.
import { useMainButtonState } from '../telegram/main-button';
import { Button } from './button';

export function MainButtonSlot() {
  const state = useMainButtonState();
  if (!state) return null;
  return (
    <div class="main-button-slot">
      <Button block disabled={!state.active} busy={state.progress} onClick={state.press}>
        {state.text}
      </Button>
    </div>
  );
}
