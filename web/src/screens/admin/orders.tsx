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

type SearchBy = 'buyerName' | 'orderId' | 'buyerId' | 'farmId';
const BY: Record<SearchBy, string> = {
  buyerName: "Buyer's name (or its start)",
  orderId: 'Order id (or its start)',
  buyerId: 'Buyer id',
  farmId: 'Farm id',
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
    <Page title="Orders" intro="Every order, newest first. Filter by state, search by order, buyer or farm.">
      <AdminNav />
      <form
        className="filters row"
        role="search"
        aria-label="Search orders"
        onSubmit={(e) => {
          e.preventDefault();
          setAfter(undefined);
          setApplied(text.trim() ? { [by]: text.trim() } : {});
        }}
      >
        <SelectField
          label="State"
          value={state}
          onChange={(e) => {
            setAfter(undefined);
            setState(e.target.value as OrderState | '');
          }}
        >
          <option value="">Any state</option>
          {orderStateValues.map((s) => (
            <option key={s} value={s}>
              {humanize(s)}
            </option>
          ))}
        </SelectField>
        <SelectField label="Search by" value={by} onChange={(e) => setBy(e.target.value as SearchBy)}>
          {(Object.keys(BY) as SearchBy[]).map((k) => (
            <option key={k} value={k}>
              {BY[k]}
            </option>
          ))}
        </SelectField>
        <Field
          label="Search"
          type="search"
          value={text}
          maxLength={100}
          onChange={(e) => setText(e.target.value)}
        />
        <div>
          <button type="submit" className="button">
            Search
          </button>
        </div>
      </form>
      <Async state={page} what="Loading orders">
        {(p) =>
          p.items.length === 0 ? (
            <Empty>
              <p>No orders match.</p>
            </Empty>
          ) : (
            <>
              <OrderTable orders={p.items} caption="Orders" />
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
