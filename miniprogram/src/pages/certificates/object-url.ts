// Files behind the API's sign-in (documents, the certificate PDF) cannot be linked directly: they are
// fetched with the Authorization header and shown through short-lived blob: URLs.
import { useEffect, useState } from 'preact/hooks';

export interface ObjectUrl {
  url?: string;
  error?: unknown;
  reload: () => void;
}

/** Fetches a file while `enabled` and exposes it as a blob: URL, released when no longer shown. */
export function useObjectUrl(load: () => Promise<Blob>, key: string, enabled = true): ObjectUrl {
  const [state, setState] = useState<{ url?: string; error?: unknown }>({});
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    let url: string | undefined;
    setState({});
    load().then(
      (blob) => {
        if (!live) return;
        url = URL.createObjectURL(blob);
        setState({ url });
      },
      (error: unknown) => {
        if (live) setState({ error });
      },
    );
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [key, enabled, attempt]);
  return { ...state, reload: () => setAttempt((a) => a + 1) };
}

/**
 * Opens a fetched file in a new tab (the browser's PDF or image viewer). The URL is released after a
 * minute, by when the tab has read it.
 */
export function openBlob(blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.target = '_blank';
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
