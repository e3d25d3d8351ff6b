// Writing a campaign (new, or the author's draft): title and topic, audience with the live count,
// and a message per language with its preview. Saving creates or updates the draft and its
// versions; "submit" saves first. Every problem — the browser's or the server's — is listed at once,
// each leading to its field (一次性告知).
import { useMemo, useRef, useState } from 'preact/hooks';
import { MAX_TITLE_CHARS } from '../../../../core/campaigns/campaign-limits';
import { TOPIC_CODES } from '../../../../core/campaigns/campaign-schema';
import { LANGUAGE_NAMES } from '../../../../core/i18n/languages';
import { Button } from '../../components/button';
import { Field } from '../../components/field';
import { Section } from '../../components/page';
import { ErrorState, FormError, Loading } from '../../components/states';
import { isApiError } from '../../lib/api/api-error';
import {
  type CampaignLanguage,
  type CampaignView,
  createCampaign,
  deleteImage,
  deleteVariant,
  saveVariant,
  submitCampaign,
  updateCampaign,
  uploadImage,
} from '../../lib/api/campaigns';
import { getVillages } from '../../lib/api/endpoints';
import { listGuidePages } from '../../lib/api/guide';
import { useT } from '../../lib/i18n';
import { useProfile } from '../../lib/profile';
import { navigate } from '../../lib/router';
import { useResource } from '../../lib/use-resource';
import { useMainButton } from '../../telegram/main-button';
import { topicKey } from '../campaigns/published-row';
import { AudiencePicker } from './audience-picker';
import {
  basicsOf,
  type ComposeDraft,
  draftFromView,
  emptyDraft,
  fieldId,
  type Issue,
  LANGUAGES,
  labelOfPath,
  languageOfPath,
  sameBasics,
  sameVariant,
  type VariantDraft,
  validateDraft,
  variantInputOf,
} from './compose-state';
import { setFlash } from './flash';
import { TestSend } from './test-send';
import { VariantEditor } from './variant-editor';

export interface ComposeFormProps {
  /** null: a new campaign. */
  view: CampaignView | null;
  /** After a save or submit of an existing campaign: the page reloads it and shows `notice`. */
  onSaved: (notice: string) => void;
}

type Mode = 'save' | 'submit';

/** The server's field paths, as the form names them ("variants.zh-CN" is the zh-CN text). */
function serverIssues(error: unknown, prefix = ''): Issue[] {
  if (!isApiError(error)) return [];
  return error.fields.map((f) => {
    const path = `${prefix}${f.path}`;
    return { path: /^variants\.[^.]+$/.test(path) ? `${path}.text` : path, message: f.message };
  });
}

export function ComposeForm({ view, onSaved }: ComposeFormProps) {
  const t = useT();
  const { me } = useProfile();
  const villages = useResource(getVillages);
  const guide = useResource(listGuidePages);
  const scope = me.capabilities.campaigns.composeVillageIds;
  const [draft, setDraft] = useState<ComposeDraft>(() => (view ? draftFromView(view) : emptyDraft()));
  // What the server has: compared with the draft to send only what changed.
  const [saved, setSaved] = useState<ComposeDraft | null>(() => (view ? draftFromView(view) : null));
  const [onServer, setOnServer] = useState<ReadonlySet<CampaignLanguage>>(
    () => new Set(view?.variants.map((v) => v.language) ?? []),
  );
  const [tab, setTab] = useState<CampaignLanguage>('zh-CN');
  const [checked, setChecked] = useState<Mode | null>(null);
  const [fromServer, setFromServer] = useState<Issue[]>([]);
  const [busy, setBusy] = useState<Mode | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [imageVersion, setImageVersion] = useState(0);
  const createdId = useRef<string | null>(view?.id ?? null);
  const latest = useRef(draft);
  latest.current = draft;
  const summary = useRef<HTMLDivElement>(null);
  const blank = useMemo(emptyDraft, []);

  const scopeLimited = scope !== null;
  const myVillages = (villages.data ?? []).filter((v) => scope === null || scope.includes(v.id));
  const clientIssues = useMemo(
    () => (checked ? validateDraft(draft, { mode: checked, scopeLimited, t }) : []),
    [draft, checked, scopeLimited, t],
  );
  // The server has the last word on a field it reported.
  const issues = [...fromServer, ...clientIssues.filter((i) => !fromServer.some((s) => s.path === i.path))];
  const issueFor = (path: string) => issues.find((i) => i.path === path)?.message;
  // A new form is compared with the blank one: nothing typed, nothing unsaved.
  const baseline = saved ?? blank;
  const dirty =
    !sameBasics(draft, baseline) ||
    LANGUAGES.some((l) => !sameVariant(draft.variants[l], baseline.variants[l]));

  const forget = (paths: string[]) =>
    setFromServer((list) => list.filter((i) => !paths.some((p) => i.path.startsWith(p))));
  const update = (patch: Partial<ComposeDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    forget(Object.keys(patch).map((k) => (k === 'title' || k === 'topic' ? k : 'audience')));
  };
  const updateVariant = (lang: CampaignLanguage, patch: Partial<VariantDraft>) => {
    setDraft((d) => ({ ...d, variants: { ...d.variants, [lang]: { ...d.variants[lang], ...patch } } }));
    forget([`variants.${lang}`]);
  };

  const goTo = (path: string) => {
    const lang = languageOfPath(path);
    if (lang) setTab(lang);
    requestAnimationFrame(() => document.getElementById(fieldId(path))?.focus());
  };
  const showProblems = () => requestAnimationFrame(() => summary.current?.focus());

  /** Saves what changed; the campaign's id, or null when something must be fixed first. */
  const save = async (mode: Mode): Promise<string | null> => {
    const d = latest.current;
    setChecked(mode);
    setFromServer([]);
    setError(null);
    if (validateDraft(d, { mode, scopeLimited, t }).length) {
      showProblems();
      return null;
    }
    setBusy(mode);
    try {
      let id = createdId.current;
      try {
        if (!id) {
          id = (await createCampaign(basicsOf(d))).id;
          createdId.current = id;
        } else if (!saved || !sameBasics(d, saved)) {
          await updateCampaign(id, basicsOf(d));
        }
      } catch (e) {
        setFromServer(serverIssues(e));
        setError(e);
        showProblems();
        return null;
      }
      const stored = new Set(onServer);
      const nowSaved: ComposeDraft = { ...d, variants: { ...(saved ?? emptyDraft()).variants } };
      const problems: Issue[] = [];
      let failure: unknown = null;
      for (const lang of LANGUAGES) {
        const v = d.variants[lang];
        try {
          if (v.text.trim()) {
            if (!stored.has(lang) || !saved || !sameVariant(v, saved.variants[lang])) {
              await saveVariant(id, lang, variantInputOf(v));
              stored.add(lang);
            }
          } else if (stored.has(lang)) {
            await deleteVariant(id, lang);
            stored.delete(lang);
          }
          nowSaved.variants[lang] = v;
        } catch (e) {
          problems.push(...serverIssues(e, `variants.${lang}.`));
          failure = e;
        }
      }
      setOnServer(stored);
      setSaved(nowSaved);
      if (failure) {
        setFromServer(problems);
        setError(failure);
        showProblems();
        return null;
      }
      if (!view) {
        // The new draft now has its own page (images, test messages, submit).
        setFlash(t('publicity:compose.created'));
        navigate(`/publicity/campaigns/${id}`, { replace: true });
      } else if (mode === 'save') {
        onSaved(t('publicity:compose.savedNotice'));
      }
      return id;
    } finally {
      setBusy(null);
    }
  };

  const submit = async () => {
    const id = await save('submit');
    if (!id) return;
    setBusy('submit');
    try {
      await submitCampaign(id);
      onSaved(t('publicity:compose.submittedNotice'));
    } catch (e) {
      setFromServer(serverIssues(e));
      setError(e);
      showProblems();
    } finally {
      setBusy(null);
    }
  };

  /** Images belong to a saved version: the text is saved first when it is new or changed. */
  const prepareVariant = async (lang: CampaignLanguage): Promise<string | null> => {
    if (!onServer.has(lang) || dirty) return save('save');
    return createdId.current;
  };
  const addImage = async (lang: CampaignLanguage, file: File) => {
    const id = await prepareVariant(lang);
    if (!id) return;
    await uploadImage(id, lang, file);
    updateVariant(lang, { hasImage: true });
    setSaved((s) =>
      s ? { ...s, variants: { ...s.variants, [lang]: { ...s.variants[lang], hasImage: true } } } : s,
    );
    setImageVersion((v) => v + 1);
  };
  const removeImage = async (lang: CampaignLanguage) => {
    const id = createdId.current;
    if (!id) return;
    await deleteImage(id, lang);
    updateVariant(lang, { hasImage: false });
    setSaved((s) =>
      s ? { ...s, variants: { ...s.variants, [lang]: { ...s.variants[lang], hasImage: false } } } : s,
    );
  };

  useMainButton(
    view
      ? { text: t('publicity:compose.submit'), onClick: () => void submit(), progress: busy !== null }
      : { text: t('publicity:compose.saveDraft'), onClick: () => void save('save'), progress: busy !== null },
  );

  if (villages.error) return <ErrorState error={villages.error} onRetry={villages.reload} />;
  if (!villages.data) return <Loading />;

  const titleId = fieldId('title');
  const topicId = fieldId('topic');
  return (
    <div class="compose">
      {issues.length ? (
        <div class="card problems" ref={summary} tabIndex={-1} role="alert">
          <h3>{t('publicity:compose.problems', { count: issues.length })}</h3>
          <ol>
            {issues.map((i) => (
              <li key={i.path}>
                <button type="button" class="link-button" onClick={() => goTo(i.path)}>
                  {labelOfPath(i.path, t)}
                </button>
                <span class="problem-message">{i.message}</span>
              </li>
            ))}
          </ol>
        </div>
      ) : null}
      <FormError error={issues.length ? null : error} shownFields={[]} />

      <Section title={t('publicity:compose.basics')}>
        <div class="card form">
          <Field
            id={titleId}
            label={t('publicity:compose.title')}
            hint={t('publicity:compose.titleHint')}
            error={issueFor('title')}
          >
            <input
              type="text"
              maxLength={MAX_TITLE_CHARS}
              value={draft.title}
              onInput={(e) => update({ title: e.currentTarget.value })}
            />
          </Field>
          <Field
            id={topicId}
            label={t('publicity:compose.topic')}
            hint={t('publicity:compose.topicHint')}
            error={issueFor('topic')}
          >
            <select
              value={draft.topic}
              onChange={(e) => update({ topic: e.currentTarget.value as ComposeDraft['topic'] })}
            >
              <option value="" disabled>
                {t('settings.villagePlaceholder')}
              </option>
              {TOPIC_CODES.map((code) => (
                <option key={code} value={code}>
                  {t(topicKey(code))}
                </option>
              ))}
            </select>
          </Field>
        </div>
      </Section>

      <Section title={t('publicity:audience.title')}>
        <AudiencePicker
          draft={draft}
          villages={myVillages}
          scopeLimited={scopeLimited}
          error={issueFor('audience.villageIds')}
          onChange={update}
        />
      </Section>

      <Section title={t('publicity:compose.messages')}>
        <fieldset class="segmented">
          <legend class="visually-hidden">{t('publicity:compose.languageTabs')}</legend>
          <div class="segmented-options">
            {LANGUAGES.map((l) => {
              const written = draft.variants[l].text.trim() !== '';
              const problem = issues.some((i) => languageOfPath(i.path) === l);
              return (
                <label key={l} class={tab === l ? 'segment segment-on' : 'segment'}>
                  <input
                    type="radio"
                    name="variant-tab"
                    value={l}
                    checked={tab === l}
                    onChange={() => setTab(l)}
                  />
                  <span lang={l}>
                    {LANGUAGE_NAMES[l]}
                    {problem ? ' !' : written ? ' ✓' : ''}
                  </span>
                </label>
              );
            })}
          </div>
        </fieldset>
        <div class="card form">
          <VariantEditor
            key={tab}
            language={tab}
            value={draft.variants[tab]}
            title={draft.title}
            onChange={(patch) => updateVariant(tab, patch)}
            issueFor={issueFor}
            guidePages={guide.data?.pages ?? []}
            campaignId={createdId.current ?? undefined}
            imageVersion={String(imageVersion)}
            onUploadImage={(file) => addImage(tab, file)}
            onRemoveImage={() => removeImage(tab)}
          />
          {view && draft.variants[tab].text.trim() ? (
            <TestSend language={tab} prepare={() => prepareVariant(tab)} />
          ) : null}
        </div>
      </Section>

      <div class="form-actions">
        {view ? (
          <Button
            variant="secondary"
            block
            busy={busy === 'save'}
            disabled={busy !== null}
            onClick={() => void save('save')}
          >
            {t('publicity:compose.saveDraft')}
          </Button>
        ) : null}
      </div>
      <p class="form-status" role="status">
        {busy ? t('ui.saving') : dirty ? t('publicity:compose.unsaved') : saved ? t('ui.saved') : null}
      </p>
    </div>
  );
}
