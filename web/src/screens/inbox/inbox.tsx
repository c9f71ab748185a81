import { useState } from 'react';
import { inboxChanged, notifications } from '../../api/notifications';
import type { AppNotification } from '../../api/types';
import { Page } from '../../components/page';
import { Async, Empty, ErrorMessage } from '../../components/states';
import { formatDateTime } from '../../lib/format';
import { Link } from '../../lib/router';
import { usePaged } from '../../lib/use-paged';
import { ShowMore } from '../../components/show-more';
import { t } from '../../i18n';

const Entry = ({ n, onRead }: { n: AppNotification; onRead: (n: AppNotification) => void }) => (
  <li className={`card inbox-entry${n.readAt ? '' : ' unread'}`}>
    <h2 className="inbox-title">
      {n.readAt ? null : <span className="visually-hidden">{t('inbox.unreadPrefix')}</span>}
      {n.link ? (
        <Link to={n.link} onClick={() => !n.readAt && onRead(n)}>
          {n.title}
        </Link>
      ) : (
        n.title
      )}
    </h2>
    <p className="muted small">{formatDateTime(n.createdAt)}</p>
    <p className="inbox-body">{n.body}</p>
    {n.readAt ? null : (
      <button type="button" className="button small secondary" onClick={() => onRead(n)}>
        {t('inbox.markRead')}
      </button>
    )}
  </li>
);

/** The in-app inbox: what happened, newest first; unread entries stand out and can be marked read. */
export const InboxScreen = () => {
  const [unreadOnly, setUnreadOnly] = useState(false);
  const paged = usePaged(`inbox:${unreadOnly}`, (cursor) => notifications.inbox({ unread: unreadOnly, cursor }), (n) => n.id, {
    pollMs: () => 20_000,
  });
  const { state } = paged;
  const [error, setError] = useState<unknown>(null);
  const act = async (f: () => Promise<unknown>) => {
    setError(null);
    try {
      await f();
      inboxChanged();
      state.reload();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Page
      title={t('bell.label')}
      intro={t('inbox.intro')}
      actions={
        <>
          <Link className="button secondary small" to="/inbox/settings">
            {t('inbox.settings')}
          </Link>
          <button type="button" className="button small" onClick={() => act(notifications.markAllRead)}>
            {t('inbox.markAll')}
          </button>
        </>
      }
    >
      <label className="inline-check">
        <input type="checkbox" checked={unreadOnly} onChange={(e) => setUnreadOnly(e.target.checked)} />{' '}
        {t('inbox.unreadOnly')}
      </label>
      {error ? <ErrorMessage error={error} /> : null}
      <Async state={state} what={t('inbox.loading')}>
        {(inbox) =>
          inbox.all.length === 0 ? (
            <Empty>
              <p>{unreadOnly ? t('inbox.nothingUnread') : t('inbox.none')}</p>
            </Empty>
          ) : (
            <>
              <p className="muted" role="status">
                {t('inbox.unreadCount', { n: inbox.unread })}
              </p>
              <ul className="inbox-list">
                {inbox.all.map((n) => (
                  <Entry key={n.id} n={n} onRead={(x) => void act(async () => paged.replace(await notifications.markRead(x.id)))} />
                ))}
              </ul>
              <ShowMore next={inbox.next} busy={paged.busy} error={paged.error} onMore={() => void paged.more()} label={t('inbox.older')} />
            </>
          )
        }
      </Async>
    </Page>
  );
};
