import { useEffect, useId, useRef, useState } from 'react';
import { useSession } from '../auth/session';
import { useIdentity } from '../lib/identity-session';
import { placeOfPath, placesOf } from '../lib/places';
import { Link, navigate, useLocation } from '../lib/router';
import { t } from '../i18n';

/**
 * The header's control for a person signed in to identity: a button with their name that opens the places their
 * memberships let them go (shop, my farm, my deliveries, back office; the current one marked), their account and
 * sign-out. A disclosure (a button and a list of links), not an ARIA menu: links and a button are what it holds.
 * Escape and a click elsewhere close it; Escape gives focus back to the button.
 */
export const AccountMenu = () => {
  const who = useIdentity();
  const session = useSession();
  const { path } = useLocation();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState(false);
  const id = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  // a new address closes it (a place or the account was chosen)
  useEffect(() => setOpen(false), [path]);
  useEffect(() => {
    if (!open) return;
    const away = (e: MouseEvent | FocusEvent) => {
      if (root.current && e.target instanceof Node && !root.current.contains(e.target)) setOpen(false);
    };
    const key = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener('mousedown', away);
    document.addEventListener('focusin', away);
    document.addEventListener('keydown', key);
    return () => {
      document.removeEventListener('mousedown', away);
      document.removeEventListener('focusin', away);
      document.removeEventListener('keydown', key);
    };
  }, [open]);

  if (who.status !== 'signed-in') return null;
  const { account } = who;
  const places = placesOf(account.memberships);
  const here = path === '/account' ? null : placeOfPath(path);
  const signOut = async () => {
    setError(false);
    try {
      // the session here (its access token) and identity's (the cookie) end together
      await session.signOut();
      navigate('/');
    } catch {
      setError(true);
    }
  };
  return (
    <div className="account-menu" ref={root}>
      <button
        ref={button}
        type="button"
        className="account-menu-button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen(!open)}
      >
        <span className="account-menu-name">{account.name}</span>
        <span className="visually-hidden">{t('menu.placesAndAccount')}</span>
        <svg viewBox="0 0 12 12" width="12" height="12" aria-hidden="true" focusable="false">
          <path d="M2 4l4 4 4-4" fill="none" stroke="currentColor" strokeWidth="2" />
        </svg>
      </button>
      <div id={id} className="account-menu-panel" hidden={!open}>
        {places.length > 1 ? (
          <nav aria-label={t('menu.yourPlaces')}>
            <p className="account-menu-heading" aria-hidden="true">
              {t('menu.goTo')}
            </p>
            <ul className="plain">
              {places.map((p) => (
                <li key={p.id}>
                  <Link to={p.to} aria-current={p.id === here ? 'true' : undefined}>
                    {t(p.label)}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
        <ul className="plain">
          <li>
            <Link to="/account" aria-current={path === '/account' ? 'page' : undefined}>
              {t('menu.yourAccount')}
            </Link>
          </li>
          <li>
            <Link to="/apply" aria-current={path === '/apply' ? 'page' : undefined}>
              {t('menu.apply')}
            </Link>
          </li>
          <li>
            <button type="button" className="button link" onClick={() => void signOut()}>
              {t('shell.signOut')}
            </button>
          </li>
        </ul>
        {error ? (
          <p className="account-menu-error" role="alert">
            {t('menu.signOutFailed')}
          </p>
        ) : null}
      </div>
    </div>
  );
};
