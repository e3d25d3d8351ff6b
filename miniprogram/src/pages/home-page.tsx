// Home: greeting, language, the person's village, the four services, the certificate scanner and, for
// officers, the workbench.

import { isServiceAvailable, type ServiceId } from '../../../core/service-availability';
import { LinkCard, Panel } from '../components/card';
import { Icon, type IconName } from '../components/icons';
import { LanguageSwitch } from '../components/language-switch';
import { Page, Section } from '../components/page';
import { formatList } from '../lib/format';
import { useT } from '../lib/i18n';
import { useProfile } from '../lib/profile';
import { Link } from '../lib/router';

/**
 * The four services, in the order the office lists them; each path is a route in routes.tsx. A card
 * says "coming soon" while its switch in core/service-availability.ts is off.
 */
export const SERVICES = [
  { id: 'certificates', path: '/certificates', icon: 'certificate' },
  { id: 'serviceFile', path: '/service-file', icon: 'serviceFile' },
  { id: 'guide', path: '/guide', icon: 'guide' },
  { id: 'tipOffs', path: '/tip-offs', icon: 'tipOff' },
] as const satisfies readonly { id: ServiceId; path: string; icon: IconName }[];

export function HomePage() {
  const t = useT();
  const { me } = useProfile();
  const { user, roles } = me;
  return (
    <Page
      back={false}
      eyebrow={t('common:appName')}
      title={t('home.greeting', { name: user.displayName })}
      actions={
        <Link to="/settings" class="header-action">
          {t('home.settings')}
        </Link>
      }
    >
      <LanguageSwitch legend={t('fields.language')} hideLegend />

      {user.villageName ? (
        <Panel class="village">
          <span class="village-text" id="home-village">
            <span class="village-label">{t('home.yourVillage')}</span>
            <span class="village-name">
              {user.villageName}
              <span class="village-status"> · {t(`common:populationStatus.${user.populationStatus}`)}</span>
            </span>
          </span>
          <Link to="/settings" class="village-action" aria-describedby="home-village">
            {t('home.changeVillage')}
          </Link>
        </Panel>
      ) : roles.length ? null : (
        // Residents need a village (campaigns, the certificate's officer); officers work by their scope
        // and are not asked to choose one.
        <Panel tone="warning" class="village">
          <span class="village-text">
            <span class="village-name">{t('home.noVillage')}</span>
          </span>
          <Link to="/settings" class="village-action">
            {t('home.chooseVillage')}
          </Link>
        </Panel>
      )}

      {/* Officers come here to work: their workbench goes before the residents' services. */}
      {roles.length ? (
        <Section title={t('home.officerSection')}>
          <LinkCard
            to="/workbench"
            icon={<Icon name="workbench" />}
            title={t('workbench.title')}
            summary={formatList(
              roles.map((r) => t(`common:roles.${r.role}`)),
              t,
            )}
          />
        </Section>
      ) : null}

      <Section title={t('home.servicesTitle')}>
        <div class="card-stack">
          {SERVICES.map((s) => (
            <LinkCard
              key={s.id}
              to={s.path}
              icon={<Icon name={s.icon} />}
              title={t(`services.${s.id}.title`)}
              summary={t(`services.${s.id}.summary`)}
              badge={isServiceAvailable(s.id) ? undefined : t('comingSoon.badge')}
            />
          ))}
        </div>
        <p class="note">{t('home.free')}</p>
      </Section>

      {/* Officers checking papers, employers using the bot: anyone shown a certificate checks it here. */}
      <Section title={t('scan.homeSection')}>
        <LinkCard
          to="/verify"
          icon={<Icon name="scan" />}
          title={t('scan.title')}
          summary={t('scan.summary')}
        />
      </Section>
    </Page>
  );
}
