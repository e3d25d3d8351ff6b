// Administration pages are for township-wide admins: others see why, not an error.
import type { ComponentChildren } from 'preact';
import { Page } from '../../components/page';
import { EmptyState } from '../../components/states';
import { useT } from '../../lib/i18n';
import { useProfile } from '../../lib/profile';

export function AdminGate({ title, children }: { title: string; children: ComponentChildren }) {
  const t = useT();
  const { me } = useProfile();
  if (!me.capabilities.admin.allowed) {
    return (
      <Page title={title}>
        <EmptyState title={title} body={t('admin:notAdmin')} />
      </Page>
    );
  }
  return <>{children}</>;
}
