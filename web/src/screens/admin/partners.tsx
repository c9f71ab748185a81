import { useState } from 'react';
import { admin } from '../../api/admin';
import type { AdminPartner } from '../../api/types';
import { Page } from '../../components/page';
import { formatDateTime } from '../../lib/format';
import { useAsync } from '../../lib/use-async';
import { AdminNav } from './admin-nav';
import { PagedCards, SuspendableCard } from './suspendable';
import { t } from '../../i18n';

const PartnerCard = ({ p, onChanged }: { p: AdminPartner; onChanged: () => void }) => (
  <SuspendableCard
    title={p.name ?? p.partnerId}
    name={p.name ?? p.partnerId}
    suspended={p.suspended}
    meta={
      <>
        <span translate="no">{p.partnerId}</span> · {p.region ?? t('adminPartners.regionUnknown')} ·{' '}
        {t('adminPartners.claims', { n: p.claims })}
        {p.lastClaimAt ? ` · ${t('adminPartners.last', { time: formatDateTime(p.lastClaimAt) })}` : ''}
      </>
    }
    change={(action, reason) => admin.setPartner(p.partnerId, action, reason)}
    onChanged={onChanged}
  />
);

export const AdminPartnersScreen = () => {
  const [after, setAfter] = useState<string | undefined>();
  const page = useAsync(`admin-partners:${after ?? ''}`, () => admin.partners({ cursor: after }));
  return (
    <Page
      title={t('adminPartners.title')}
      intro={t('adminPartners.intro')}
    >
      <AdminNav />
      <PagedCards
        page={page}
        loading={t('adminPartners.loading')}
        none={t('adminPartners.none')}
        label={t('adminPartners.title')}
        after={after}
        setAfter={setAfter}
        card={(x) => <PartnerCard key={x.partnerId} p={x} onChanged={page.reload} />}
      />
    </Page>
  );
};
