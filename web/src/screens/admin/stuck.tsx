import { useState } from 'react';
import { admin } from '../../api/admin';
import { Field } from '../../components/field';
import { Page } from '../../components/page';
import { Async, Empty } from '../../components/states';
import { useAsync } from '../../lib/use-async';
import { AdminNav } from './admin-nav';
import { POLL_MS } from './home';
import { OrderTable, Pager } from './order-list';

export const StuckOrdersScreen = () => {
  const [minutes, setMinutes] = useState('15');
  const [bound, setBound] = useState(15);
  const [after, setAfter] = useState<string | undefined>();
  const page = useAsync(`stuck:${bound}:${after ?? ''}`, () => admin.stuck({ olderThanMinutes: bound, cursor: after }), {
    pollMs: () => POLL_MS * 3,
  });
  const valid = /^\d+$/.test(minutes) && Number(minutes) >= 1 && Number(minutes) <= 43_200;
  return (
    <Page
      title="Stuck orders"
      intro="Orders that have not reached an end (completed, cancelled, refunded…) and have not changed for a while, the longest waiting first."
    >
      <AdminNav />
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          if (!valid) return;
          setAfter(undefined);
          setBound(Number(minutes));
        }}
      >
        <Field
          label="Unchanged for more than (minutes)"
          type="number"
          inputMode="numeric"
          min={1}
          max={43200}
          value={minutes}
          aria-invalid={!valid}
          onChange={(e) => setMinutes(e.target.value)}
          hint={valid ? 'Between 1 minute and 30 days.' : 'Enter a whole number of minutes, 1 to 43200.'}
        />
        <div>
          <button type="submit" className="button secondary" disabled={!valid}>
            Show
          </button>
        </div>
      </form>
      <Async state={page} what="Looking for stuck orders">
        {(p) =>
          p.items.length === 0 ? (
            <Empty>
              <p>No order has been waiting longer than {bound} minutes. This list refreshes by itself.</p>
            </Empty>
          ) : (
            <>
              <OrderTable orders={p.items} caption={`Orders unchanged for more than ${bound} minutes`} since />
              <Pager next={p.nextCursor} paged={Boolean(after)} onNext={setAfter} onFirst={() => setAfter(undefined)} />
            </>
          )
        }
      </Async>
    </Page>
  );
};
