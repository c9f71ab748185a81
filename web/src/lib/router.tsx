import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

/** A small History API router: the app has a dozen flat routes, so a library would be more than it needs. */
const listeners = new Set<() => void>();
const subscribe = (l: () => void) => {
  listeners.add(l);
  window.addEventListener('popstate', l);
  return () => {
    listeners.delete(l);
    window.removeEventListener('popstate', l);
  };
};
const snapshot = () => window.location.pathname + window.location.search;

export const navigate = (to: string, opts: { replace?: boolean } = {}): void => {
  if (opts.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  for (const l of listeners) l();
  window.scrollTo(0, 0);
};

export const useLocation = (): { path: string; query: URLSearchParams } => {
  const href = useSyncExternalStore(subscribe, snapshot);
  const [path = '/', search = ''] = href.split('?');
  return { path, query: new URLSearchParams(search) };
};

/** '/orders/:orderId' against '/orders/42' -> { orderId: '42' }; null when it does not match. */
export const matchPath = (pattern: string, path: string): Record<string, string> | null => {
  const p = pattern.split('/').filter(Boolean);
  const s = path.split('/').filter(Boolean);
  if (p.length !== s.length) return null;
  const params: Record<string, string> = {};
  for (const [i, part] of p.entries()) {
    const seg = s[i]!;
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(seg);
    else if (part !== seg) return null;
  }
  return params;
};

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { to: string };

export const Link = ({ to, onClick, ...rest }: LinkProps) => {
  const go = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={go} {...rest} />;
};
