import { useState } from 'react';
import { admin, type OrderSearch } from '../../api/admin';
import { orderStateValues } from '../../api/generated/schemas';
import type { OrderState } from '../../api/types';
import { Field, SelectField } from '../../components/field';
import { Page } from '../../components/page';
import { Async, Empty } from '../../components/states';
import { humanize } from '../../lib/format';
import { useAsync } from '../../lib/use-async';
import { AdminNav } from './admin-nav';
import { OrderTable, Pager } from './order-list';
import { t, type MessageId } from '../../i18n';

type SearchBy = 'buyerName' | 'orderId' | 'buyerId' | 'farmId';
const BY: Record<SearchBy, MessageId> = {
  buyerName: 'adminOrders.byName',
  orderId: 'adminOrders.byOrder',
  buyerId: 'adminOrders.byBuyer',
  farmId: 'adminOrders.byFarm',
};

export const AdminOrdersScreen = () => {
  const [state, setState] = useState<OrderState | ''>('');
  const [by, setBy] = useState<SearchBy>('buyerName');
  const [text, setText] = useState('');
  const [applied, setApplied] = useState<OrderSearch>({});
  const [after, setAfter] = useState<string | undefined>();
  const query: OrderSearch = { ...applied, ...(state ? { state } : {}), ...(after ? { cursor: after } : {}) };
  const page = useAsync(`admin-orders:${JSON.stringify(query)}`, (signal) => admin.orders(query, signal));
  return (
    <Page title={t('adminOrders.title')} intro={t('adminOrders.intro')}>
      <AdminNav />
      <form
        className="filters row"
        role="search"
        aria-label={t('adminOrders.searchAria')}
        onSubmit={(e) => {
          e.preventDefault();
          setAfter(undefined);
          setApplied(text.trim() ? { [by]: text.trim() } : {});
        }}
      >
        <SelectField
          label={t('adminOrders.state')}
          value={state}
          onChange={(e) => {
            setAfter(undefined);
            setState(e.target.value as OrderState | '');
          }}
        >
          <option value="">{t('adminOrders.anyState')}</option>
          {orderStateValues.map((s) => (
            <option key={s} value={s}>
              {humanize(s)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('adminOrders.searchBy')}
          value={by}
          onChange={(e) => setBy(e.target.value as SearchBy)}
        >
          {(Object.keys(BY) as SearchBy[]).map((k) => (
            <option key={k} value={k}>
              {t(BY[k])}
            </option>
          ))}
        </SelectField>
        <Field
          label={t('adminOrders.search')}
          type="search"
          value={text}
          maxLength={100}
          onChange={(e) => setText(e.target.value)}
        />
        <div>
          <button type="submit" className="button">
            {t('adminOrders.search')}
          </button>
        </div>
      </form>
      <Async state={page} what={t('adminOrders.loading')}>
        {(p) =>
          p.items.length === 0 ? (
            <Empty>
              <p>{t('adminOrders.none')}</p>
            </Empty>
          ) : (
            <>
              <OrderTable orders={p.items} caption={t('adminOrders.title')} />
              <Pager
                next={p.nextCursor}
                paged={Boolean(after)}
                onNext={setAfter}
                onFirst={() => setAfter(undefined)}
              />
            </>
          )
        }
      </Async>
    </Page>
  );
};
