import { useState } from 'react';
import { inboxChanged, notifications } from '../../api/notifications';
import type { AppNotification } from '../../api/types';
import { Page } from '../../components/page';
import { Async, Empty, ErrorMessage } from '../../components/states';
import { formatDateTime } from '../../lib/format';
import { Link } from '../../lib/router';
import { usePaged } from '../../lib/use-paged';
import { ShowMore } from '../../components/show-more';

const Entry = ({ n, onRead }: { n: AppNotification; onRead: (n: AppNotification) => void }) => (
  <li className={`card inbox-entry${n.readAt ? '' : ' unread'}`}>
    <h2 className="inbox-title">
      {n.readAt ? null : <span className="visually-hidden">Unread: </span>}
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
        Mark as read
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
      title="Notifications"
      intro="What happened with your orders, shipments and payouts. You get these by email too, as your settings say."
      actions={
        <>
          <Link className="button secondary small" to="/inbox/settings">
            Settings
          </Link>
          <button type="button" className="button small" onClick={() => act(notifications.markAllRead)}>
            Mark all as read
          </button>
        </>
      }
    >
      <label className="inline-check">
        <input type="checkbox" checked={unreadOnly} onChange={(e) => setUnreadOnly(e.target.checked)} />{' '}
        Unread only
      </label>
      {error ? <ErrorMessage error={error} /> : null}
      <Async state={state} what="Loading notifications">
        {(inbox) =>
          inbox.all.length === 0 ? (
            <Empty>
              <p>{unreadOnly ? 'Nothing unread.' : 'No notifications yet.'}</p>
            </Empty>
          ) : (
            <>
              <p className="muted" role="status">
                {inbox.unread === 1 ? '1 unread notification' : `${inbox.unread} unread notifications`}
              </p>
              <ul className="inbox-list">
                {inbox.all.map((n) => (
                  <Entry key={n.id} n={n} onRead={(x) => void act(async () => paged.replace(await notifications.markRead(x.id)))} />
                ))}
              </ul>
              <ShowMore next={inbox.next} busy={paged.busy} error={paged.error} onMore={() => void paged.more()} label="Show older notifications" />
            </>
          )
        }
      </Async>
    </Page>
  );
};
