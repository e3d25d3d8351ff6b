// Code-splits a page out of the first-screen bundle: the route table lists it as
// `lazyPage(() => import('./pages/x-page').then((m) => m.XPage))`.
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Page } from '../components/page';
import { ErrorState, Loading } from '../components/states';
import { useT } from './i18n';
import type { PageProps } from './router';

export function lazyPage(load: () => Promise<ComponentType<PageProps>>): ComponentType<PageProps> {
  let loaded: ComponentType<PageProps> | undefined;
  return function LazyPage(props: PageProps) {
    const t = useT();
    const [component, setComponent] = useState<{ page?: ComponentType<PageProps> }>({ page: loaded });
    const [error, setError] = useState<unknown>(null);
    const [attempt, setAttempt] = useState(0);
    // `attempt` re-runs the download after a failure (retry button).
    useEffect(() => {
      if (component.page) return;
      load().then(
        (page) => {
          loaded = page;
          setComponent({ page });
        },
        (e: unknown) => setError(e),
      );
    }, [attempt]);
    const Loaded = component.page;
    if (Loaded) return <Loaded {...props} />;
    if (error) {
      return (
        <Page title={t('error.title')}>
          <ErrorState
            error={error}
            message={t('error.pageLoad')}
            onRetry={() => {
              setError(null);
              setAttempt((a) => a + 1);
            }}
          />
        </Page>
      );
    }
    return <Loading />;
  };
}
