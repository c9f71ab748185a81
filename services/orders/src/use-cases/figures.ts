import { dailyFigures, windowStart, type Figures } from '../domain/figures';
import type { Order } from '../domain/order';

/** The orders placed since a time (data/order-figures-repo.ts), streamed. */
export interface FiguresStore {
  placedSince(from: string): AsyncIterable<Order>;
}

/** The operators' business overview: the last `days` days (UTC), each order on the day it was placed. */
export const businessFigures = async (d: { figures: FiguresStore; clock: () => Date }, days: number): Promise<Figures> => {
  const now = d.clock();
  const orders: Order[] = [];
  for await (const o of d.figures.placedSince(windowStart(now, days).toISOString())) orders.push(o);
  return dailyFigures(orders, now, days);
};
