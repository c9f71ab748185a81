import { useState } from 'react';
import { admin } from '../../api/admin';
import type { AdminFarm } from '../../api/types';
import { SelectField } from '../../components/field';
import { Page } from '../../components/page';
import { Async, Empty } from '../../components/states';
import { formatDateTime } from '../../lib/format';
import { Link } from '../../lib/router';
import { useAsync } from '../../lib/use-async';
import { AdminNav } from './admin-nav';
import { Pager } from './order-list';
import { ReasonForm } from './reason-form';
import { t, tx } from '../../i18n';

const FarmCard = ({ farm, onChanged }: { farm: AdminFarm; onChanged: () => void }) => {
  const [open, setOpen] = useState(false);
  const action = farm.suspended ? 'reinstate' : 'suspend';
  return (
    <li className="card stack">
      <div className="spread">
        <h3>
          <Link to={`/farms/${farm.id}`}>{farm.name}</Link>
        </h3>
        <span className={`badge ${farm.suspended ? 'badge-bad' : 'badge-ok'}`}>
          {t(farm.suspended ? 'suspension.suspended' : 'suspension.active')}
        </span>
      </div>
      <p className="muted small">
        {tx('adminFarms.meta', {
          region: farm.region,
          farmer: farm.farmerId,
          id: farm.id,
          data: (c) => <span translate="no">{c}</span>,
        })}
      </p>
      {farm.suspended ? (
        <p className="small">
          {t('suspension.suspendedSince', {
            time: formatDateTime(farm.suspended.at),
            by: farm.suspended.by,
            reason: farm.suspended.reason,
          })}
        </p>
      ) : null}
      {open ? (
        <ReasonForm
          label={t(farm.suspended ? 'suspension.reinstate' : 'suspension.suspend', { name: farm.name })}
          danger={!farm.suspended}
          submit={(reason) => admin.setFarm(farm.id, action, reason)}
          onDone={() => {
            setOpen(false);
            onChanged();
          }}
        />
      ) : (
        <div>
          <button
            type="button"
            className="button secondary"
            onClick={() => setOpen(true)}
            aria-label={t(farm.suspended ? 'suspension.reinstateAria' : 'suspension.suspendAria', {
              name: farm.name,
            })}
          >
            {t(farm.suspended ? 'suspension.reinstateButton' : 'suspension.suspendButton')}
          </button>
        </div>
      )}
    </li>
  );
};

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
      <Async state={page} what={t('adminFarms.loading')}>
        {(p) =>
          p.items.length === 0 ? (
            <Empty>
              <p>{t('adminFarms.none')}</p>
            </Empty>
          ) : (
            <>
              <ul className="plain stack" aria-label={t('adminFarms.title')}>
                {p.items.map((f) => (
                  <FarmCard key={f.id} farm={f} onChanged={page.reload} />
                ))}
              </ul>
              <Pager next={p.nextCursor} paged={Boolean(after)} onNext={setAfter} onFirst={() => setAfter(undefined)} />
            </>
          )
        }
      </Async>
    </Page>
  );
};
