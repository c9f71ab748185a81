import { useState } from 'react';
import { useAsync, type AsyncOptions, type AsyncState } from './use-async';

/** What every paged list of the services answers (the kit's one shape). */
export interface Paged<T> {
  items: T[];
  nextCursor: string | null;
}

interface Tail<T> {
  key: string;
  /** Everything shown below the first page when "Show more" was last used, and the cursor after its last item. */
  items: T[];
  next: string | null;
}

/**
 * A list that grows with history: the first page (polled like any `useAsync`), and older pages appended by
 * `more()` with the cursor. A poll replaces the first page only: items it pushed out stay shown from the tail, and
 * the cursor stays after the last item shown, so nothing is skipped or shown twice while new items arrive.
 */
type ItemOf<P> = P extends Paged<infer T> ? T : never;

export const usePaged = <P extends Paged<unknown>>(
  key: string,
  load: (cursor: string | undefined, signal?: AbortSignal) => Promise<P>,
  idOf: (item: ItemOf<P>) => string,
  opts: AsyncOptions<P> = {},
) => {
  type T = ItemOf<P>;
  const first = useAsync(key, (signal) => load(undefined, signal), opts);
  const [tail, setTail] = useState<Tail<T> | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const own = tail?.key === key ? tail : null;

  const withAll = (m: { items: T[]; next: string | null }) => ({ all: m.items, next: m.next });
  const merge = (head: P): { items: T[]; next: string | null } => {
    const items = head.items as T[];
    if (!own) return { items, next: head.nextCursor };
    const seen = new Set(items.map(idOf));
    return { items: [...items, ...own.items.filter((x) => !seen.has(idOf(x)))], next: own.next };
  };

  const state: AsyncState<P & { all: T[]; next: string | null }> =
    first.status === 'ready' ? { status: 'ready', data: { ...first.data, ...withAll(merge(first.data)) } } : first;

  const more = async () => {
    if (first.status !== 'ready') return;
    const shown = merge(first.data);
    if (!shown.next) return;
    setBusy(true);
    setError(null);
    try {
      const page = await load(shown.next);
      // All shown so far, not only what is below the first page: a later poll may push first-page items out of it.
      setTail({ key, items: [...shown.items, ...(page.items as T[])], next: page.nextCursor });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  /** An item changed by the screen (marked read): shown changed in the older pages too until they are loaded again. */
  const replace = (item: T) => setTail((t) => t && { ...t, items: t.items.map((x) => (idOf(x) === idOf(item) ? item : x)) });
  return { state: { ...state, reload: first.reload }, more, busy, error, reload: first.reload, replace };
};
