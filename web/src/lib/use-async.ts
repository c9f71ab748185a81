import { useCallback, useEffect, useRef, useState } from 'react';

export type AsyncState<T> =
  { status: 'loading' } | { status: 'error'; error: Error } | { status: 'ready'; data: T };

export interface AsyncOptions<T> {
  /** Poll again after this many ms while it returns a number (e.g. while an order is still moving). */
  pollMs?: (data: T) => number | null;
}

/**
 * Loads data for a screen: loading, error and ready states, a reload, and optional polling.
 * `key` names what is loaded: a new key starts from the loading state, while a reload or poll keeps
 * showing the current data (no flash of the loading state).
 */
export const useAsync = <T>(
  key: string,
  load: (signal: AbortSignal) => Promise<T>,
  opts: AsyncOptions<T> = {},
): AsyncState<T> & { reload: () => void; set: (data: T) => void } => {
  // Each result remembers its key, so the render right after a key change already shows loading.
  const [state, setState] = useState<AsyncState<T> & { key: string }>({ key, status: 'loading' });
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const pollRef = useRef(opts.pollMs);
  pollRef.current = opts.pollMs;
  // One poll timer per screen, shared by loads and `set`: data put in by hand (the order a payment or a cancel
  // returns) decides the next poll as a load does, or a confirmed order set after paying would never be asked again.
  const timerRef = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const schedule = useCallback((data: T) => {
    if (timerRef.current) clearTimeout(timerRef.current);
    const next = pollRef.current?.(data);
    timerRef.current = next != null ? setTimeout(() => setTick((n) => n + 1), next) : undefined;
  }, []);

  useEffect(() => {
    const ctl = new AbortController();
    const start = () =>
      loadRef.current(ctl.signal).then(
        (data) => {
          if (ctl.signal.aborted) return;
          setState({ key, status: 'ready', data });
          schedule(data);
        },
        (error: unknown) => {
          if (ctl.signal.aborted) return;
          setState({
            key,
            status: 'error',
            error: error instanceof Error ? error : new Error(String(error)),
          });
        },
      );
    // The load starts a microtask later, not in the effect itself: React's StrictMode (a development build, which
    // `vite` dev and the browser tests run) mounts, unmounts and mounts again synchronously, and a request sent
    // by the first mount was sent and then aborted, so every screen asked for its first list twice. Started
    // after that synchronous cleanup, only the surviving mount asks.
    void Promise.resolve().then(() => {
      if (ctl.signal.aborted) return;
      start();
    });
    return () => {
      ctl.abort();
      if (timerRef.current) clearTimeout(timerRef.current);
      timerRef.current = undefined;
    };
  }, [key, tick, schedule]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  const set = useCallback(
    (data: T) => {
      setState({ key, status: 'ready', data });
      schedule(data);
    },
    [key, schedule],
  );
  const current: AsyncState<T> = state.key === key ? state : { status: 'loading' };
  return { ...current, reload, set };
};
