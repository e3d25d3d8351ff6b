// The settings page's campaign topics: one switch per topic, saved at once (the whole set, like the
// bot's /topics menu), with the reminder that /stop in the chat unsubscribes from everything.
// Its own chunk with the topic names, so the settings page itself stays in the first screen.
import { useState } from 'preact/hooks';
import { Section } from '../../components/page';
import { ErrorState, FormError, Loading } from '../../components/states';
import { getMyTopics, setMyTopics, type TopicCode } from '../../lib/api/campaigns';
import { useT } from '../../lib/i18n';
import { useResource } from '../../lib/use-resource';
import { topicKey } from './published-row';
import './campaigns.css';

type Topics = { code: string; subscribed: boolean }[];

export function TopicSettings() {
  const t = useT();
  const loaded = useResource(getMyTopics);
  // What the person sees: the server's answer, or their latest tap while it is being saved.
  const [topics, setTopics] = useState<Topics | null>(null);
  const [saving, setSaving] = useState(0);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const shown = topics ?? loaded.data?.topics ?? null;

  const toggle = async (code: string, on: boolean) => {
    if (!shown) return;
    const before = shown;
    const next = shown.map((x) => (x.code === code ? { ...x, subscribed: on } : x));
    setTopics(next);
    setSaved(false);
    setError(null);
    setSaving((n) => n + 1);
    try {
      const answer = await setMyTopics(next.filter((x) => x.subscribed).map((x) => x.code as TopicCode));
      setTopics(answer.topics);
      setSaved(true);
    } catch (e) {
      // Shows the switch as it really is again.
      setTopics(before);
      setError(e);
    } finally {
      setSaving((n) => n - 1);
    }
  };

  return (
    <Section title={t('publicity:topics.title')}>
      {loaded.error ? (
        <ErrorState error={loaded.error} onRetry={loaded.reload} />
      ) : !shown ? (
        <Loading />
      ) : (
        <div class="card">
          <fieldset class="switch-group">
            <legend class="field-hint">{t('publicity:topics.intro')}</legend>
            {shown.map((topic) => (
              <label key={topic.code} class="switch-row">
                <span>{t(topicKey(topic.code))}</span>
                <input
                  type="checkbox"
                  role="switch"
                  aria-checked={topic.subscribed}
                  class="switch"
                  checked={topic.subscribed}
                  onChange={(e) => void toggle(topic.code, e.currentTarget.checked)}
                />
              </label>
            ))}
          </fieldset>
          {shown.every((x) => !x.subscribed) ? (
            <p class="field-hint text-warning">{t('publicity:topics.none')}</p>
          ) : null}
          <FormError error={error} shownFields={[]} />
        </div>
      )}
      <p class="form-status" role="status">
        {saving ? t('ui.saving') : saved ? t('ui.saved') : ''}
      </p>
      <p class="note">{t('publicity:topics.stopHint')}</p>
    </Section>
  );
}
