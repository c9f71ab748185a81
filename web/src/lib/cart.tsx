import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Listing, Money, Unit } from '../api/types';

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

const KEY = 'ftt.cart';
const CartContext = createContext<CartApi | null>(null);

const load = (): CartItem[] => {
  try {
    const items = JSON.parse(localStorage.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(items) ? (items as CartItem[]) : [];
  } catch {
    return [];
  }
};

export const CartProvider = ({ children }: { children: ReactNode }) => {
  const [items, setItems] = useState<CartItem[]>(load);
  useEffect(() => localStorage.setItem(KEY, JSON.stringify(items)), [items]);

  const add = useCallback((l: Listing, quantity: number) => {
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
  }, []);
  const setQuantity = useCallback(
    (listingId: string, quantity: number) =>
      setItems((cur) => cur.map((i) => (i.listingId === listingId ? { ...i, quantity } : i))),
    [],
  );
  const remove = useCallback(
    (listingId: string) => setItems((cur) => cur.filter((i) => i.listingId !== listingId)),
    [],
  );
  const clear = useCallback(() => setItems([]), []);

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
