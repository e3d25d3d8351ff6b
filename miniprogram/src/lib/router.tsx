// Path-based routing under /app/ (Telegram uses the hash for launch parameters, so no hash routing).
// The Worker answers every /app/* path with index.html; this module maps the path to a page.
import type { ComponentChildren, ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/** '/app' — from vite.config.ts `base`. */
const BASE = import.meta.env.BASE_URL.replace(/\/$/, '');
const CHANGE = 'app:navigate';

export interface PageProps {
  params: Record<string, string>;
}

export interface RouteDef {
  /** App path without the /app prefix, e.g. '/', '/certificates', '/certificates/:id'. */
  path: string;
  page: ComponentType<PageProps>;
  /**
   * A record's page opened from a queue: on a desk-wide screen (lib/desktop.ts) the queue at this path
   * stays on the left and this page shows on its right.
   */
  splitList?: string;
}

/** The in-app path ('/', '/settings') of the current address. */
export function currentPath(): string {
  const { pathname } = window.location;
  const path = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : pathname;
  return `/${path.replace(/^\/+|\/+$/g, '')}`;
}

/** The address of an in-app path: '/' → '/app/', '/settings' → '/app/settings'. */
export function hrefOf(path: string): string {
  return path === '/' ? `${BASE}/` : `${BASE}${path}`;
}

interface HistoryState {
  /** Depth inside the app: > 0 means "back" stays in the app. */
  idx: number;
}

function depth(): number {
  return (history.state as HistoryState | null)?.idx ?? 0;
}

export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (path === currentPath() && !options.replace) return;
  const state: HistoryState = { idx: options.replace ? depth() : depth() + 1 };
  if (options.replace) history.replaceState(state, '', hrefOf(path));
  else history.pushState(state, '', hrefOf(path));
  window.dispatchEvent(new Event(CHANGE));
}

/** Back within the app; from the first page opened, "back" goes home rather than out of the app. */
export function goBack(): void {
  if (depth() > 0) history.back();
  else navigate('/', { replace: true });
}

export function useCurrentPath(): string {
  const [path, setPath] = useState(currentPath);
  useEffect(() => {
    const update = () => setPath(currentPath());
    window.addEventListener('popstate', update);
    window.addEventListener(CHANGE, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(CHANGE, update);
    };
  }, []);
  return path;
}

export function matchRoute(
  routes: readonly RouteDef[],
  path: string,
): { route: RouteDef; params: Record<string, string> } | null {
  const parts = path.split('/').filter(Boolean);
  for (const route of routes) {
    const pattern = route.path.split('/').filter(Boolean);
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const ok = pattern.every((segment, i) => {
      const part = parts[i]!;
      if (segment.startsWith(':')) {
        params[segment.slice(1)] = decodeURIComponent(part);
        return true;
      }
      return segment === part;
    });
    if (ok) return { route, params };
  }
  return null;
}

interface LinkProps {
  /** In-app path, e.g. '/settings'. */
  to: string;
  class?: string;
  'aria-label'?: string;
  'aria-describedby'?: string;
  children: ComponentChildren;
}

/** A real link (open in new tab, long-press, screen readers) that navigates without reloading. */
export function Link({ to, ...rest }: LinkProps) {
  return (
    <a
      {...rest}
      href={hrefOf(to)}
      // The row of the record shown beside its queue (desk layout) is marked as the current one.
      aria-current={to === currentPath() ? 'page' : undefined}
      onClick={(event) => {
        if (event.defaultPrevented || event.button !== 0) return;
        if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        navigate(to);
      }}
    />
  );
}

/** Ensures the first entry carries a depth, so goBack() knows where the app starts. */
export function initHistory(): void {
  if (!history.state) history.replaceState({ idx: 0 } satisfies HistoryState, '');
}
