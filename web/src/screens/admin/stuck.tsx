import { useState } from 'react';
import { admin } from '../../api/admin';
import { Field } from '../../components/field';
import { Page } from '../../components/page';
import { Async, Empty } from '../../components/states';
import { useAsync } from '../../lib/use-async';
import { AdminNav } from './admin-nav';
import { POLL_MS } from './home';
import { OrderTable, Pager } from './order-list';
import { t } from '../../i18n';

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
      title={t('stuck.title')}
      intro={t('stuck.intro')}
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
          label={t('stuck.minutes')}
          type="number"
          inputMode="numeric"
          min={1}
          max={43200}
          value={minutes}
          aria-invalid={!valid}
          onChange={(e) => setMinutes(e.target.value)}
          hint={valid ? t('stuck.valid') : t('stuck.invalid')}
        />
        <div>
          <button type="submit" className="button secondary" disabled={!valid}>
            {t('stuck.show')}
          </button>
        </div>
      </form>
      <Async state={page} what={t('stuck.looking')}>
        {(p) =>
          p.items.length === 0 ? (
            <Empty>
              <p>{t('stuck.none', { n: bound })}</p>
            </Empty>
          ) : (
            <>
              <OrderTable orders={p.items} caption={t('stuck.caption', { n: bound })} since />
              <Pager next={p.nextCursor} paged={Boolean(after)} onNext={setAfter} onFirst={() => setAfter(undefined)} />
            </>
          )
        }
      </Async>
    </Page>
  );
};
