// The script of the login-free /report page (built to /app/report/report.js): the mini app's reporter
// screens — categories and rewards, the form, the receipt, "follow my report" — on the public routes,
// without Telegram. No storage, no cookies: the receipt lives in this page's memory until it is left.
import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { isLanguage, type Language } from '../../../core/i18n/languages';
import { Button } from '../components/button';
import { configureApi } from '../lib/api/client';
import type { Village } from '../lib/api/endpoints';
import { getTipCategories, type ReporterTipView, type SubmittedTip } from '../lib/api/tipoffs';
import { I18nContext, loadI18n, loadNamespace, useT } from '../lib/i18n';
import { useResource } from '../lib/use-resource';
import { ReceiptEntry, TipStatusView } from '../pages/tipoffs/follow-view';
import { ReceiptPanel } from '../pages/tipoffs/receipt-panel';
import { ScopeAndTiers } from '../pages/tipoffs/scope-and-tiers';
import { TipForm, type UploadOutcome } from '../pages/tipoffs/tip-form';

interface PageData {
  language: Language;
  villages: Village[];
  maxUploadMb: number;
}

type View =
  | { name: 'home' }
  | { name: 'form' }
  | { name: 'receipt'; result: SubmittedTip; uploads: UploadOutcome[] }
  | { name: 'follow' }
  | { name: 'tip'; receipt: string; view: ReporterTipView };

function ReportApp({ data }: { data: PageData }) {
  const t = useT();
  const tiers = useResource(getTipCategories);
  const maxUploadMb = data.maxUploadMb;
  const [view, setView] = useState<View>({ name: 'home' });
  const heading = useRef<HTMLHeadingElement>(null);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    // A new step: start at its heading, for screen-reader and keyboard users.
    window.scrollTo(0, 0);
    heading.current?.focus({ preventScroll: true });
  }, [view.name]);

  const home = () => setView({ name: 'home' });
  const back = (
    <button type="button" class="back-link" onClick={home}>
      <span aria-hidden="true">‹</span> {t('report:actions.back')}
    </button>
  );
  const title = (key: Parameters<typeof t>[0]) => (
    <h2 class="report-step-title" tabIndex={-1} ref={heading}>
      {t(key)}
    </h2>
  );

  switch (view.name) {
    case 'form':
      return (
        <div class="stack report-step" data-step="form">
          {back}
          {title('report:form.title')}
          <TipForm
            channel="web"
            villages={data.villages}
            maxUploadMb={maxUploadMb}
            onSubmitted={(result, uploads) => setView({ name: 'receipt', result, uploads })}
          />
        </div>
      );
    case 'receipt':
      return (
        <div class="stack report-step" data-step="receipt">
          {title('report:receipt.title')}
          <ReceiptPanel result={view.result} uploads={view.uploads} canKeepOnPhone={null} onDone={home} />
        </div>
      );
    case 'follow':
      return (
        <div class="stack report-step" data-step="follow">
          {back}
          {title('report:follow.title')}
          <ReceiptEntry
            canUsePhone={false}
            onOpened={(receipt, tip) => setView({ name: 'tip', receipt, view: tip })}
          />
        </div>
      );
    case 'tip':
      return (
        <div class="stack report-step" data-step="tip">
          {back}
          {title('report:follow.title')}
          <TipStatusView
            receipt={view.receipt}
            initial={view.view}
            channel="web"
            maxUploadMb={maxUploadMb}
            onLeave={() => setView({ name: 'follow' })}
          />
        </div>
      );
    default:
      return (
        <div class="stack report-step" data-step="home">
          <p class="lead">{t('report:intro')}</p>
          <div class="button-row tip-actions">
            <Button onClick={() => setView({ name: 'form' })}>{t('report:actions.start')}</Button>
            <Button variant="secondary" onClick={() => setView({ name: 'follow' })}>
              {t('report:actions.follow')}
            </Button>
          </div>
          <ScopeAndTiers tiers={tiers} />
          <Button block onClick={() => setView({ name: 'form' })}>
            {t('report:actions.start')}
          </Button>
        </div>
      );
  }
}

async function start(): Promise<void> {
  const mount = document.getElementById('report-app');
  const raw = JSON.parse(document.getElementById('report-data')?.textContent ?? '{}') as Partial<PageData>;
  if (!mount) return;
  const language = isLanguage(raw.language) ? raw.language : 'zh-CN';
  const data: PageData = {
    language,
    villages: Array.isArray(raw.villages) ? raw.villages : [],
    maxUploadMb: typeof raw.maxUploadMb === 'number' ? raw.maxUploadMb : 10,
  };
  configureApi({ language });
  const [i18n] = await Promise.all([
    loadI18n(language),
    loadNamespace(language, 'report'),
    loadNamespace(language, 'tipoffs'),
  ]);
  // The language is switched by the page's own links (/report?lang=…), which reload it in that language.
  const context = {
    ...i18n,
    setLanguage: async (next: Language) => {
      window.location.assign(`/report?lang=${encodeURIComponent(next)}`);
    },
  };
  mount.replaceChildren();
  render(
    <I18nContext.Provider value={context}>
      <ReportApp data={data} />
    </I18nContext.Provider>,
    mount,
  );
  document.body.dataset.ready = 'true';
}

void start();
