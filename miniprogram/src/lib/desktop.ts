// The desk layout: from 1024 px wide an officer's queue stays on the left and the record opened from
// it shows on the right (lib/router's RouteDef.splitList; app.tsx lays the panes out). Narrower
// screens — phones, Telegram's mobile clients — keep one page at a time, unchanged.
import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';

export const DESKTOP_QUERY = '(min-width: 1024px)';

function matches(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia(DESKTOP_QUERY).matches;
}

/** Whether the screen is wide enough for list and record side by side; follows a resize. */
export function useDesktop(): boolean {
  const [wide, setWide] = useState(matches);
  useEffect(() => {
    if (typeof window.matchMedia !== 'function') return;
    const query = window.matchMedia(DESKTOP_QUERY);
    const update = () => setWide(query.matches);
    update();
    query.addEventListener('change', update);
    return () => query.removeEventListener('change', update);
  }, []);
  return wide;
}

/** Which pane a page is drawn in: the list on the left, the record on the right, or alone. */
export type Pane = 'list' | 'detail' | null;
export const PaneContext = createContext<Pane>(null);
export function usePane(): Pane {
  return useContext(PaneContext);
}

const CHANGED = 'app:record-changed';

/** A record opened beside its list changed (claimed, decided, returned): the list reloads. */
export function notifyRecordChanged(): void {
  window.dispatchEvent(new Event(CHANGED));
}

/** A number that moves on every notifyRecordChanged(): put it in a list's useResource deps. */
export function useRecordChanges(): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const bump = () => setVersion((v) => v + 1);
    window.addEventListener(CHANGED, bump);
    return () => window.removeEventListener(CHANGED, bump);
  }, []);
  return version;
}
