import type { Order } from '../domain/order';
import type { Collection } from './collections';

/**
 * The orders placed since a time, with only the fields the ledger reads: a range on the { placedAt: -1, _id: -1 }
 * index (order-admin-repo.ts), so the cost follows the window's orders, never the stored history.
 */
export class OrderFiguresRepo {
  constructor(private readonly col: Collection) {}

  async *placedSince(from: string): AsyncIterable<Order> {
    const cursor = this.col.aggregate(
      [
        { $match: { placedAt: { $gte: from } } },
        { $sort: { placedAt: -1, _id: -1 } },
        {
          $project: {
            _id: 0,
            orderId: '$_id',
            placedAt: 1,
            currency: 1,
            state: 1,
            payment: 1,
            refund: 1,
            operatorRefunds: 1,
            'farms.deliveryFee': 1,
            'farms.payout': 1,
          },
        },
      ],
      { batchSize: 500 },
    );
    for await (const doc of cursor) yield doc as unknown as Order;
  }
}
