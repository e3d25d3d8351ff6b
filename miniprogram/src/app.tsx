// The app shell: language, Telegram and profile providers; decides between the launch screen, the
// session-lost screen, loading/error, and the routed pages.
import type { ComponentChild } from 'preact';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { MainButtonSlot } from './components/main-button-slot';
import { Page } from './components/page';
import { ErrorState, Loading } from './components/states';
import { type ApiError, isApiError } from './lib/api/api-error';
import { configureApi, onSessionLost } from './lib/api/client';
import { getMe, type Me, updateMe } from './lib/api/endpoints';
import { PaneContext, useDesktop } from './lib/desktop';
import { type I18n, I18nContext, type Language, loadI18n, rememberLanguage, useT } from './lib/i18n';
import { ProfileContext } from './lib/profile';
import { goBack, matchRoute, useCurrentPath } from './lib/router';
import { DeskBar } from './pages/desk-bar';
import { LaunchPage } from './pages/launch-page';
import { NotFoundPage } from './pages/not-found-page';
import { DeskEndedPage, SessionPage } from './pages/session-page';
import { routes } from './routes';
import type { LaunchParams } from './telegram/launch-params';
import { InTelegramContext, TelegramClientContext, useInTelegram } from './telegram/telegram-context';
import { useBackButton } from './telegram/use-back-button';

export interface AppProps {
  launch: LaunchParams;
  /** Signed in at a desk (browser session from the bot's one-time link), not in Telegram. */
  desk?: boolean;
  /** This tab was signed in at a desk and the session is gone: say so, not "open in Telegram". */
  deskEnded?: boolean;
  inTelegram: boolean;
  i18n: I18n;
  /** GET /api/me, started before the texts finished loading. */
  firstProfile?: Promise<Me>;
}

/** Paths of the queues a record's page names as its splitList: on a desk they keep their right pane. */
const SPLIT_LISTS = new Set(routes.flatMap((r) => (r.splitList ? [r.splitList] : [])));

function Outlet() {
  const path = useCurrentPath();
  const inTelegram = useInTelegram();
  const desktop = useDesktop();
  const match = matchRoute(routes, path);
  useBackButton(path !== '/', goBack);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    // A new page: start at the top and move focus to its heading, for screen-reader users.
    window.scrollTo(0, 0);
    document.querySelector<HTMLElement>('main h1')?.focus({ preventScroll: true });
  }, [path]);
  const PageComponent = match?.route.page ?? NotFoundPage;
  const listPath = match
    ? (match.route.splitList ?? (SPLIT_LISTS.has(match.route.path) ? match.route.path : null))
    : null;
  const list = desktop && listPath ? matchRoute(routes, listPath) : null;
  return (
    <>
      {list ? (
        // The same tree for the queue and for a record opened from it, so choosing a row keeps the
        // queue (its filters, search and scroll) where it was.
        <div class="split">
          <PaneContext.Provider value="list">
            <div class="split-list">
              <list.route.page key={listPath} params={{}} />
            </div>
          </PaneContext.Provider>
          <PaneContext.Provider value="detail">
            <div class="split-detail">
              {match && match.route.path !== listPath ? (
                <PageComponent key={path} params={match.params} />
              ) : (
                <SplitPlaceholder />
              )}
              {/* The record's main action under the record, not across the queue. */}
              {inTelegram ? null : <MainButtonSlot />}
            </div>
          </PaneContext.Provider>
        </div>
      ) : (
        <>
          <PageComponent key={path} params={match?.params ?? {}} />
          {inTelegram ? null : <MainButtonSlot />}
        </>
      )}
    </>
  );
}

/** The right pane before a record is chosen. */
function SplitPlaceholder() {
  const t = useT();
  return (
    <main class="page split-placeholder">
      <p>{t('desk.split.choose')}</p>
    </main>
  );
}

export function App({
  launch,
  inTelegram,
  desk = false,
  deskEnded = false,
  i18n: initialI18n,
  firstProfile,
}: AppProps) {
  const [i18n, setI18n] = useState(initialI18n);
  const [me, setMe] = useState<Me | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [sessionError, setSessionError] = useState<ApiError | null>(null);
  const userId = launch.user?.id;

  const switchTexts = useCallback(
    async (language: Language) => {
      const next = await loadI18n(language);
      configureApi({ language });
      rememberLanguage(userId, language);
      setI18n(next);
    },
    [userId],
  );

  const loadProfile = useCallback(
    async (request: Promise<Me>) => {
      setLoadError(null);
      try {
        const profile = await request;
        // The stored language wins over the first guess; switch before showing anything in it.
        await switchTexts(profile.user.language);
        setMe(profile);
      } catch (e) {
        setLoadError(e);
      }
    },
    [switchTexts],
  );

  useEffect(() => onSessionLost(setSessionError), []);
  useEffect(() => {
    if (launch.initData || desk) void loadProfile(firstProfile ?? getMe());
  }, [launch.initData, desk, firstProfile, loadProfile]);
  useEffect(() => {
    document.documentElement.lang = i18n.language;
    document.title = i18n.t('common:appName');
  }, [i18n]);

  const i18nValue = useMemo(
    () => ({
      ...i18n,
      // Saves the choice first, so the server (bot messages, error texts) follows it too.
      setLanguage: async (language: Language) => {
        const [profile] = await Promise.all([updateMe({ language }), loadI18n(language)]);
        await switchTexts(language);
        setMe(profile);
      },
    }),
    [i18n, switchTexts],
  );
  const profileValue = useMemo(() => (me ? { me, setMe } : null), [me]);
  const client = useMemo(
    () => ({ platform: launch.platform, version: launch.version }),
    [launch.platform, launch.version],
  );

  let content: ComponentChild;
  if (!launch.initData && !desk) content = deskEnded ? <DeskEndedPage /> : <LaunchPage />;
  else if (sessionError) content = <SessionPage error={sessionError} />;
  else if (loadError) {
    content =
      isApiError(loadError) && loadError.sessionLost ? (
        <SessionPage error={loadError} />
      ) : (
        <Page back={false} title={i18n.t('common:appName')}>
          <ErrorState error={loadError} onRetry={() => void loadProfile(getMe())} />
        </Page>
      );
  } else if (!me) content = <Loading />;
  else content = <Outlet />;

  return (
    <InTelegramContext.Provider value={inTelegram}>
      <TelegramClientContext.Provider value={client}>
        <I18nContext.Provider value={i18nValue}>
          <ProfileContext.Provider value={profileValue}>
            <div class={inTelegram ? 'shell' : 'shell shell-browser'}>
              {desk && me && !sessionError ? <DeskBar /> : null}
              {content}
            </div>
          </ProfileContext.Provider>
        </I18nContext.Provider>
      </TelegramClientContext.Provider>
    </InTelegramContext.Provider>
  );
}
