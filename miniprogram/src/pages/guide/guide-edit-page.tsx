// /publicity/guide/:slug (and /publicity/guide/new) — publicity officers and admins write a guide
// page: title and text per language (Simplified Chinese required, the others optional), its place
// in the list, and a preview laid out as residents see it. Saved with PUT /api/guide/{slug}.
import { useState } from 'preact/hooks';
import { GUIDE_BODY_MAX_CHARS, GUIDE_SLUG, GUIDE_TITLE_MAX_CHARS } from '../../../../core/guide/guide-limits';
import { LANGUAGE_NAMES } from '../../../../core/i18n/languages';
import { Button } from '../../components/button';
import { Panel } from '../../components/card';
import { Field } from '../../components/field';
import { Page, Section } from '../../components/page';
import { EmptyState, ErrorState, FormError, Loading } from '../../components/states';
import { isApiError } from '../../lib/api/api-error';
import type { CampaignLanguage } from '../../lib/api/campaigns';
import { deleteGuidePage, type GuidePage, getGuidePage, saveGuidePage } from '../../lib/api/guide';
import { useT } from '../../lib/i18n';
import { useProfile } from '../../lib/profile';
import { navigate, type PageProps } from '../../lib/router';
import { useResource } from '../../lib/use-resource';
import { useMainButton } from '../../telegram/main-button';
import { GuideBody } from './guide-body';
import '../campaigns/campaigns.css';
import '../publicity/publicity.css';

const LANGUAGES: readonly CampaignLanguage[] = ['zh-CN', 'zh-TW', 'en'];
const SLUG = GUIDE_SLUG;
const TITLE_MAX = GUIDE_TITLE_MAX_CHARS;
const BODY_MAX = GUIDE_BODY_MAX_CHARS;

type Texts = Record<CampaignLanguage, { title: string; body: string }>;

function textsOf(page: GuidePage | null): Texts {
  const empty = { title: '', body: '' };
  return {
    'zh-CN': { ...empty, ...page?.content['zh-CN'] },
    'zh-TW': { ...empty, ...page?.content['zh-TW'] },
    en: { ...empty, ...page?.content.en },
  };
}

export function GuideEditPage({ params }: PageProps) {
  const t = useT();
  const { me } = useProfile();
  const slug = params.slug ?? 'new';
  const isNew = slug === 'new';
  const page = useResource(() => (isNew ? Promise.resolve(null) : getGuidePage(slug)), [slug]);
  if (!me.capabilities.guide.edit) {
    return (
      <Page title={t('publicity:guide.editTitle')}>
        <EmptyState title={t('publicity:guide.editTitle')} body={t('publicity:guide.notEditor')} />
      </Page>
    );
  }
  if (page.error) {
    return (
      <Page title={t('publicity:guide.editTitle')}>
        <ErrorState error={page.error} onRetry={page.reload} />
      </Page>
    );
  }
  if (page.loading && !page.data) return <Loading />;
  return <GuideEditor key={slug} page={page.data ?? null} />;
}

function GuideEditor({ page }: { page: GuidePage | null }) {
  const t = useT();
  const [slug, setSlug] = useState(page?.slug ?? '');
  const [sort, setSort] = useState(String(page?.sort ?? 100));
  const [texts, setTexts] = useState<Texts>(() => textsOf(page));
  const [tab, setTab] = useState<CampaignLanguage>('zh-CN');
  const [checked, setChecked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);

  const problems: Record<string, string> = {};
  if (!page && (!SLUG.test(slug) || slug === 'new')) problems.slug = t('publicity:guide.slugInvalid');
  for (const l of LANGUAGES) {
    const { title, body } = texts[l];
    const needed = l === 'zh-CN' || title.trim() !== '' || body.trim() !== '';
    if (needed && !title.trim()) problems[`content.${l}.title`] = t('campaigns:validation.required');
    if (needed && !body.trim()) problems[`content.${l}.body`] = t('campaigns:validation.required');
    if (title.length > TITLE_MAX)
      problems[`content.${l}.title`] = t('publicity:guide.tooLong', { max: TITLE_MAX });
    if (body.length > BODY_MAX)
      problems[`content.${l}.body`] = t('publicity:guide.tooLong', { max: BODY_MAX });
  }
  const problemFor = (path: string) =>
    (isApiError(error) ? error.fieldError(path) : undefined) ?? (checked ? problems[path] : undefined);

  const save = async () => {
    setChecked(true);
    setError(null);
    const first = Object.keys(problems)[0];
    if (first) {
      const lang = LANGUAGES.find((l) => first.startsWith(`content.${l}.`));
      if (lang) setTab(lang);
      requestAnimationFrame(() => document.getElementById(`g-${first.replace(/\./g, '-')}`)?.focus());
      return;
    }
    setBusy(true);
    try {
      const content = Object.fromEntries(
        LANGUAGES.filter((l) => texts[l].title.trim()).map((l) => [
          l,
          { title: texts[l].title.trim(), body: texts[l].body.trim() },
        ]),
      ) as Parameters<typeof saveGuidePage>[1]['content'];
      const target = page?.slug ?? slug;
      await saveGuidePage(target, { sort: Number(sort) || 0, content });
      navigate(`/guide/${target}`, { replace: true });
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  const remove = async () => {
    if (!page) return;
    setBusy(true);
    setError(null);
    try {
      await deleteGuidePage(page.slug);
      navigate('/guide', { replace: true });
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  useMainButton({ text: t('ui.save'), onClick: () => void save(), progress: busy });

  const current = texts[tab];
  const set = (patch: Partial<{ title: string; body: string }>) =>
    setTexts((all) => ({ ...all, [tab]: { ...all[tab], ...patch } }));
  return (
    <Page
      title={page ? t('publicity:guide.editTitle') : t('publicity:guide.newTitle')}
      eyebrow={t('publicity:guide.title')}
    >
      <p class="lead">{t('publicity:guide.editIntro')}</p>
      <div class="card form">
        {page ? null : (
          <Field
            id="g-slug"
            label={t('publicity:guide.slug')}
            hint={t('publicity:guide.slugHint')}
            error={problemFor('slug')}
          >
            <input
              type="text"
              value={slug}
              autoCapitalize="off"
              spellcheck={false}
              onInput={(e) => setSlug(e.currentTarget.value.toLowerCase())}
            />
          </Field>
        )}
        <Field
          id="g-sort"
          label={t('publicity:guide.sort')}
          hint={t('publicity:guide.sortHint')}
          error={problemFor('sort')}
        >
          <input
            type="number"
            inputMode="numeric"
            min={0}
            max={10000}
            value={sort}
            onInput={(e) => setSort(e.currentTarget.value)}
          />
        </Field>
      </div>
      <Section title={t('publicity:guide.texts')}>
        <fieldset class="segmented">
          <legend class="visually-hidden">{t('publicity:compose.languageTabs')}</legend>
          <div class="segmented-options">
            {LANGUAGES.map((l) => (
              <label key={l} class={tab === l ? 'segment segment-on' : 'segment'}>
                <input
                  type="radio"
                  name="guide-tab"
                  value={l}
                  checked={tab === l}
                  onChange={() => setTab(l)}
                />
                <span lang={l}>
                  {LANGUAGE_NAMES[l]}
                  {texts[l].title.trim() ? ' ✓' : ''}
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <div class="card form" key={tab}>
          <p class="field-hint">
            {t(tab === 'zh-CN' ? 'publicity:guide.mainHint' : 'publicity:guide.otherHint')}
          </p>
          <Field
            id={`g-content-${tab}-title`}
            label={t('publicity:guide.pageTitle', { language: LANGUAGE_NAMES[tab] })}
            error={problemFor(`content.${tab}.title`)}
          >
            <input
              type="text"
              lang={tab}
              maxLength={TITLE_MAX}
              value={current.title}
              onInput={(e) => set({ title: e.currentTarget.value })}
            />
          </Field>
          <Field
            id={`g-content-${tab}-body`}
            label={t('publicity:guide.body', { language: LANGUAGE_NAMES[tab] })}
            hint={t('publicity:guide.bodyHint')}
            error={problemFor(`content.${tab}.body`)}
          >
            <textarea
              rows={10}
              lang={tab}
              value={current.body}
              onInput={(e) => set({ body: e.currentTarget.value })}
            />
          </Field>
          {current.body.trim() ? (
            <figure class="tg-preview">
              <figcaption class="tg-preview-label">{t('publicity:preview.label')}</figcaption>
              <div class="guide-preview" lang={tab}>
                <h3>{current.title}</h3>
                <GuideBody body={current.body} />
              </div>
            </figure>
          ) : null}
        </div>
      </Section>
      <FormError error={error} shownFields={['slug', 'sort', 'content']} />
      {page ? (
        <div class="stack">
          {confirmDelete ? (
            <Panel tone="warning">
              <p>{t('publicity:guide.deleteConfirm', { title: page.title })}</p>
              <div class="form-actions">
                <Button variant="secondary" onClick={() => setConfirmDelete(false)} disabled={busy}>
                  {t('review.cancel')}
                </Button>
                <Button class="button-danger-solid" busy={busy} onClick={() => void remove()}>
                  {t('publicity:guide.delete')}
                </Button>
              </div>
            </Panel>
          ) : (
            <Button variant="secondary" block class="button-danger" onClick={() => setConfirmDelete(true)}>
              {t('publicity:guide.delete')}
            </Button>
          )}
        </div>
      ) : null}
    </Page>
  );
}
