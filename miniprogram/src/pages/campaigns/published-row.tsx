// One past campaign in a list: its topic, title, date and the start of its text.
import type { PublishedItem } from '../../lib/api/campaigns';
import { formatDate } from '../../lib/format';
import { type TextKey, useI18n } from '../../lib/i18n';
import { Link } from '../../lib/router';

export function topicKey(topic: string): TextKey {
  return `campaigns:topic.${topic}` as TextKey;
}

export function PublishedRow({ item }: { item: PublishedItem }) {
  const { t, language } = useI18n();
  return (
    <Link to={`/campaigns/${item.id}`} class="card card-link published-row">
      <span class="card-body">
        <span class="status-line">
          <span class="badge badge-info">{t(topicKey(item.topic))}</span>
          <span class="note-inline">{formatDate(item.publishedAt, language)}</span>
        </span>
        <span class="card-title">{item.title}</span>
        <span class="card-summary published-preview" lang={item.language}>
          {item.preview}
        </span>
      </span>
      <span class="card-chevron" aria-hidden="true">
        ›
      </span>
    </Link>
  );
}
