import { useEffect, useState } from 'react';
import { INBOX_CHANGED, notifications } from '../api/notifications';
import { Link, useLocation } from '../lib/router';
import { t } from '../i18n';

const POLL_MS = 20_000;

/** The header's bell: the unread count of the signed-in user's inbox, refreshed every 20 s and on changes. */
export const Bell = ({ userId }: { userId: string }) => {
  const [unread, setUnread] = useState<number | null>(null);
  const { path } = useLocation();
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = () => {
      clearTimeout(timer);
      notifications.unreadCount().then(
        (r) => !stopped && setUnread(r.unread),
        () => !stopped && setUnread(null), // the service is away: no number rather than a wrong one
      );
      timer = setTimeout(load, POLL_MS);
    };
    // Opening the profile once per sign-in records the token's role and region with notifications: that is how
    // a partner comes to hear of open shipments in their region. Started a microtask later (as useAsync does), so
    // that StrictMode's synchronous remount does not send it twice.
    void Promise.resolve().then(() => {
      if (stopped) return;
      notifications.profile().then(
        () => undefined,
        () => undefined,
      );
      load();
    });
    window.addEventListener(INBOX_CHANGED, load);
    return () => {
      stopped = true;
      clearTimeout(timer);
      window.removeEventListener(INBOX_CHANGED, load);
    };
  }, [userId]);
  const label = unread === null ? t('bell.label') : t('bell.unread', { unread });
  return (
    <Link
      to="/inbox"
      className="bell"
      aria-label={label}
      title={label}
      aria-current={path === '/inbox' ? 'page' : undefined}
    >
      <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
        <path
          fill="currentColor"
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1z"
        />
      </svg>
      {unread ? (
        <span className="count bell-count" aria-hidden="true">
          {unread > 99 ? '99+' : unread}
        </span>
      ) : null}
    </Link>
  );
};
