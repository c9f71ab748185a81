import { useState } from 'react';
import { admin } from '../../api/admin';
import type { AdminFarm } from '../../api/types';
import { SelectField } from '../../components/field';
import { Page } from '../../components/page';
import { Link } from '../../lib/router';
import { useAsync } from '../../lib/use-async';
import { AdminNav } from './admin-nav';
import { PagedCards, SuspendableCard } from './suspendable';
import { t, tx } from '../../i18n';

const FarmCard = ({ farm, onChanged }: { farm: AdminFarm; onChanged: () => void }) => (
  <SuspendableCard
    title={<Link to={`/farms/${farm.id}`}>{farm.name}</Link>}
    name={farm.name}
    suspended={farm.suspended}
    meta={tx('adminFarms.meta', {
      region: farm.region,
      farmer: farm.farmerId,
      id: farm.id,
      data: (c) => <span translate="no">{c}</span>,
    })}
    change={(action, reason) => admin.setFarm(farm.id, action, reason)}
    onChanged={onChanged}
  />
);

export const AdminFarmsScreen = () => {
  const [status, setStatus] = useState<'' | 'active' | 'suspended'>('');
  const [after, setAfter] = useState<string | undefined>();
  const page = useAsync(`admin-farms:${status}:${after ?? ''}`, () => admin.farms({ status: status || undefined, cursor: after }));
  return (
    <Page title={t('adminFarms.title')} intro={t('adminFarms.intro')}>
      <AdminNav />
      <div className="row">
        <SelectField
          label={t('adminFarms.show')}
          value={status}
          onChange={(e) => {
            setAfter(undefined);
            setStatus(e.target.value as '' | 'active' | 'suspended');
          }}
        >
          <option value="">{t('adminFarms.all')}</option>
          <option value="active">{t('suspension.active')}</option>
          <option value="suspended">{t('suspension.suspended')}</option>
        </SelectField>
      </div>
      <PagedCards
        page={page}
        loading={t('adminFarms.loading')}
        none={t('adminFarms.none')}
        label={t('adminFarms.title')}
        after={after}
        setAfter={setAfter}
        card={(f) => <FarmCard key={f.id} farm={f} onChanged={page.reload} />}
      />
    </Page>
  );
};
