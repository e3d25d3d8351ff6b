// Code-splits a page out of the first-screen bundle: the route table lists it as
// `lazyPage(() => import('./pages/x-page').then((m) => m.XPage))`, with `namespaces` when the page
// also needs texts outside app.json (downloaded together with the page, in the current language).
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Page } from '../components/page';
import { ErrorState, Loading } from '../components/states';
import { type ExtraNamespace, hasNamespace, loadNamespace, useI18n } from './i18n';
import type { PageProps } from './router';

export interface LazyOptions {
  namespaces?: readonly ExtraNamespace[];
}

/**
 * Downloads a component (and the texts it needs) on first render, with a loading state and a
 * retry after a failed download. `framed` wraps the error in a Page (for whole pages).
 */
function lazyComponent<P extends object>(
  load: () => Promise<ComponentType<P>>,
  options: LazyOptions & { framed: boolean },
): ComponentType<P> {
  let loaded: ComponentType<P> | undefined;
  const namespaces = options.namespaces ?? [];
  return function Lazy(props: P) {
    const { t, language } = useI18n();
    const [component, setComponent] = useState<{ page?: ComponentType<P> }>({ page: loaded });
    const [error, setError] = useState<unknown>(null);
    const [attempt, setAttempt] = useState(0);
    const textsReady = namespaces.every((ns) => hasNamespace(language, ns));
    // `attempt` re-runs the download after a failure (retry button).
    useEffect(() => {
      if (component.page && textsReady) return;
      let live = true;
      Promise.all([
        loaded ? Promise.resolve(loaded) : load(),
        ...namespaces.map((ns) => loadNamespace(language, ns)),
      ]).then(
        ([page]) => {
          loaded = page;
          if (live) setComponent({ page });
        },
        (e: unknown) => {
          if (live) setError(e);
        },
      );
      return () => {
        live = false;
      };
    }, [attempt, language]);
    const Loaded = component.page;
    if (Loaded && textsReady) return <Loaded {...props} />;
    if (error) {
      const state = (
        <ErrorState
          error={error}
          message={t('error.pageLoad')}
          onRetry={() => {
            setError(null);
            setAttempt((a) => a + 1);
          }}
        />
      );
      return options.framed ? <Page title={t('error.title')}>{state}</Page> : state;
    }
    return <Loading />;
  };
}

export function lazyPage(
  load: () => Promise<ComponentType<PageProps>>,
  options: LazyOptions = {},
): ComponentType<PageProps> {
  return lazyComponent(load, { ...options, framed: true });
}

/**
 * A part of a page split into its own chunk (e.g. the application form with its validation), with
 * the extra texts it needs (e.g. the topic names of the settings page's subscriptions).
 */
export function lazyPart<P extends object>(
  load: () => Promise<ComponentType<P>>,
  options: LazyOptions = {},
): ComponentType<P> {
  return lazyComponent(load, { ...options, framed: false });
}
