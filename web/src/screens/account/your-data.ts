import { identity } from '../../api/identity';
import { notifications } from '../../api/notifications';
import { orders } from '../../api/orders';
import { saveBlob } from '../../lib/save-file';

/** Pages of a list until it ends (a person's own orders or inbox), at most `max` pages. */
const allPages = async <T>(
  page: (cursor?: string) => Promise<{ items: T[]; nextCursor?: string | null }>,
  max = 100,
): Promise<T[]> => {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < max; i++) {
    const p = await page(cursor);
    items.push(...p.items);
    if (!p.nextCursor) break;
    cursor = p.nextCursor;
  }
  return items;
};

/**
 * Everything FieldToTable holds about the signed-in person, as one JSON document: identity's account data, and what
 * the other services keep for them (orders, the inbox and its settings), each read through the routes the person may
 * use. A service that does not answer is named in the document rather than failing the whole download.
 */
export const collectMyData = async (now = new Date()) => {
  const part = async <T>(read: () => Promise<T>) => {
    try {
      return await read();
    } catch (err) {
      return { unavailable: err instanceof Error ? err.message : String(err) };
    }
  };
  const [account, myOrders, inbox, settings] = await Promise.all([
    identity.exportMine(),
    part(() => allPages((cursor) => orders.mine(cursor))),
    part(() => allPages((cursor) => notifications.inbox({ cursor }))),
    part(() => notifications.profile()),
  ]);
  return {
    exportedAt: now.toISOString(),
    about:
      'What FieldToTable holds about you: your account (identity), your orders, and your inbox with its settings.',
    identity: account,
    orders: myOrders,
    notifications: { settings, inbox },
  };
};

/** Saves `data` as a JSON file in the browser (no navigation: a link with `download` to an object URL). */
export const saveJson = (data: unknown, name: string) => {
  saveBlob(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }), name);
};
