import { nameSchemas, type Api } from '@ftt/kit';
import { z } from 'zod';
import { businessFigures, type FiguresStore } from '../use-cases/figures';

const Minor = z.number().int();
const DayFiguresView = z.object({
  /** UTC calendar day, YYYY-MM-DD. */
  day: z.string(),
  orders: z.number().int().describe('Orders placed that day, in every state.'),
  paidOrders: z.number().int().describe('Of those, the ones the buyer paid.'),
  paid: Minor.describe('What buyers paid for them (sales), in minor units.'),
  refunded: Minor.describe('Given back to buyers: the saga refunds and operators\u2019 refunds that did not fail.'),
  payouts: Minor.describe("Farmers' payouts, owed or made (fixed when an order ends)."),
  fees: Minor.describe("The platform's fees, once the order ended."),
  deliveryKept: Minor.describe('Delivery fees the platform keeps for logistics, once the order ended.'),
  open: Minor.describe('Paid and not yet allotted (orders still under way).'),
});
const FiguresView = z.object({
  from: z.string(),
  to: z.string(),
  currencies: z.array(z.object({ currency: z.string(), days: z.array(DayFiguresView) })),
});
nameSchemas({ DayFigures: DayFiguresView, BusinessFigures: FiguresView });

const FiguresQuery = z.strictObject({
  /** The window: today (UTC) and the days before it. */
  days: z.coerce.number().int().min(1).max(92).default(30),
});

/** The operators' business overview (role admin): orders and their money per day, summed by the database's range read. */
export const figuresRoutes = (api: Api, d: () => { figures: FiguresStore; clock: () => Date }): Api =>
  api.route({
    method: 'get',
    path: '/admin/figures',
    summary:
      "Per UTC day of the last `days` days (default 30, at most 92), per currency: orders placed, and where their money is now (paid = refunded + payouts + fees + deliveryKept + open). Operators only.",
    tags: ['back office'],
    auth: ['operator'],
    query: FiguresQuery,
    response: FiguresView,
    handler: ({ query }) => businessFigures(d(), query.days),
  });
