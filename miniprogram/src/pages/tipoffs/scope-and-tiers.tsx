// What may be reported (the categories, each with what counts), what may not (nothing about a private
// person's pregnancy or family), and the published reward table from the API — shown before the form
// on both channels.
import { TIP_CATEGORIES, type TipCategory } from '../../../../core/tipoffs/tipoff-schema';
import { Panel } from '../../components/card';
import { Section } from '../../components/page';
import { Loading } from '../../components/states';
import type { TipCategories } from '../../lib/api/tipoffs';
import { type Language, type Translate, useI18n } from '../../lib/i18n';
import type { Resource } from '../../lib/use-resource';

export function formatYuanRange(min: number, max: number, language: Language, t: Translate): string {
  if (max <= 0) return t('report:tiers.none');
  const n = new Intl.NumberFormat(language);
  return t('report:tiers.range', { min: n.format(min), max: n.format(max) });
}

export function categoryLabel(category: TipCategory, t: Translate): string {
  return t(`tipoffs:category.${category}`);
}

export function ScopeAndTiers({ tiers }: { tiers: Resource<TipCategories> }) {
  const { t, language } = useI18n();
  return (
    <>
      <Section title={t('report:scope.canTitle')}>
        <ul class="tip-categories">
          {TIP_CATEGORIES.map((c) => (
            <li key={c}>
              <strong>{categoryLabel(c, t)}</strong>
              <span class="field-hint">{t(`report:categoryHints.${c}`)}</span>
            </li>
          ))}
        </ul>
      </Section>
      <Section title={t('report:scope.cannotTitle')}>
        <Panel tone="warning">
          <p>{t('report:scope.cannot')}</p>
        </Panel>
      </Section>
      <Section title={t('report:tiers.title')}>
        {tiers.data ? (
          <table class="tier-table">
            <thead>
              <tr>
                <th scope="col">{t('report:tiers.category')}</th>
                <th scope="col">{t('report:tiers.amount')}</th>
              </tr>
            </thead>
            <tbody>
              {tiers.data.categories.map((tier) => (
                <tr key={tier.category}>
                  <th scope="row">{categoryLabel(tier.category, t)}</th>
                  <td>{formatYuanRange(tier.minYuan, tier.maxYuan, language, t)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : tiers.error ? (
          <p class="note">{t('report:tiers.unavailable')}</p>
        ) : (
          <Loading />
        )}
        <p class="note">{t('report:tiers.note')}</p>
      </Section>
    </>
  );
}
