import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Listing, Money, Unit } from '../api/types';
import { useSession } from '../auth/session';

export interface CartItem {
  listingId: string;
  title: string;
  farmId: string;
  farmName: string;
  unit: Unit;
  unitPrice: Money;
  photo?: string;
  quantity: number;
  /** Stock when it was added: a hint for the quantity field; the order itself is checked by catalog. */
  available: number;
}

interface CartApi {
  items: CartItem[];
  count: number;
  add: (listing: Listing, quantity: number) => void;
  setQuantity: (listingId: string, quantity: number) => void;
  remove: (listingId: string) => void;
  clear: () => void;
}

/** One cart per user on this browser (and one for a visitor not signed in). */
const GUEST = 'guest';
const keyOf = (owner: string) => `ftt.cart.${owner}`;
const CartContext = createContext<CartApi | null>(null);

const load = (owner: string): CartItem[] => {
  try {
    const items = JSON.parse(localStorage.getItem(keyOf(owner)) ?? '[]') as unknown;
    return Array.isArray(items) ? (items as CartItem[]) : [];
  } catch {
    return [];
  }
};

/**
 * The cart of whoever is signed in. Signing in takes over what a visitor put in the cart (when the user's own is
 * empty); signing out empties the user's cart, so the next person on this browser never sees it.
 */
export const CartProvider = ({ children }: { children: ReactNode }) => {
  const { session } = useSession();
  const owner = session?.user.userId ?? GUEST;
  const [cart, setCart] = useState(() => ({ owner, items: load(owner) }));
  if (cart.owner !== owner) {
    const mine = load(owner);
    const adopt = cart.owner === GUEST && mine.length === 0 && cart.items.length > 0;
    if (cart.owner !== GUEST) localStorage.removeItem(keyOf(cart.owner)); // signed out (or another user signed in)
    if (adopt) localStorage.removeItem(keyOf(GUEST));
    setCart({ owner, items: adopt ? cart.items : mine });
  }
  const items = cart.owner === owner ? cart.items : [];
  useEffect(() => localStorage.setItem(keyOf(cart.owner), JSON.stringify(cart.items)), [cart]);
  const setItems = useCallback(
    (next: (cur: CartItem[]) => CartItem[]) => setCart((c) => ({ ...c, items: next(c.items) })),
    [],
  );

  const add = useCallback(
    (l: Listing, quantity: number) => {
      setItems((cur) => {
        const found = cur.find((i) => i.listingId === l.id);
        if (found)
          return cur.map((i) =>
            i === found ? { ...i, quantity: i.quantity + quantity, available: l.available } : i,
          );
        const photo = l.photos[0];
        const item: CartItem = {
          listingId: l.id,
          title: l.title,
          farmId: l.farmId,
          farmName: l.farm.name,
          unit: l.unit,
          unitPrice: l.unitPrice,
          quantity,
          available: l.available,
          ...(photo ? { photo } : {}),
        };
        return [...cur, item];
      });
    },
    [setItems],
  );
  const setQuantity = useCallback(
    (listingId: string, quantity: number) =>
      setItems((cur) => cur.map((i) => (i.listingId === listingId ? { ...i, quantity } : i))),
    [setItems],
  );
  const remove = useCallback(
    (listingId: string) => setItems((cur) => cur.filter((i) => i.listingId !== listingId)),
    [setItems],
  );
  const clear = useCallback(() => setItems(() => []), [setItems]);

  const value = useMemo(
    () => ({ items, count: items.length, add, setQuantity, remove, clear }),
    [items, add, setQuantity, remove, clear],
  );
  return <CartContext.Provider value={value}>{children}</CartContext.Provider>;
};

export const useCart = (): CartApi => {
  const ctx = useContext(CartContext);
  if (!ctx) throw new Error('useCart outside CartProvider');
  return ctx;
};

/** Items grouped by farm: each farm is packed and shipped separately. */
export const byFarm = (items: CartItem[]): { farmId: string; farmName: string; items: CartItem[] }[] => {
  const groups = new Map<string, { farmId: string; farmName: string; items: CartItem[] }>();
  for (const i of items) {
    const g = groups.get(i.farmId) ?? { farmId: i.farmId, farmName: i.farmName, items: [] };
    g.items.push(i);
    groups.set(i.farmId, g);
  }
  return [...groups.values()];
};
