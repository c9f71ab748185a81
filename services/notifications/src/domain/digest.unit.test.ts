import { describe, expect, it } from 'vitest';
import { groupByDeliveryDay, openByFarm, stillOpen, uniqueItems } from './digest';
import type { DataOf } from './notice';
import { render } from './templates';

const item = (orderId: string, deliveryDate?: string, farmId = 'f1'): DataOf<'new_orders'> => ({
  kind: 'new_orders',
  orderId,
  farmId,
  farmName: 'De Hof',
  lines: [{ title: 'Kale', quantity: 1, unit: 'bunch' }],
  deliveryDate,
});

describe('digest grouping', () => {
  it('when new orders arrive for several delivery days, then they are grouped per day, earliest first, unscheduled last', () => {
    const groups = groupByDeliveryDay([
      item('a'),
      item('b', '2026-03-13'),
      item('c', '2026-03-12'),
      item('d', '2026-03-13'),
    ]);
    expect(groups.map((g) => [g.day, g.items.map((i) => i.orderId)])).toEqual([
      ['2026-03-12', ['c']],
      ['2026-03-13', ['b', 'd']],
      [null, ['a']],
    ]);
  });

  it('when the same order of the same farm is in the batch twice, then it is listed once; another farm of the order is its own line', () => {
    const groups = groupByDeliveryDay([item('a'), item('a'), item('a', undefined, 'f2')]);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.items.map((i) => `${i.orderId}/${i.farmId}`)).toEqual(['a/f1', 'a/f2']);
  });

  it('when no order has a delivery day (today: the events carry none), then there is one group', () => {
    expect(groupByDeliveryDay([item('a'), item('b')]).map((g) => g.day)).toEqual([null]);
  });

  it('when identical items repeat, then uniqueItems keeps the first of each, in order', () => {
    expect(
      uniqueItems([item('a'), item('b'), item('a')]).map((d) => (d as DataOf<'new_orders'>).orderId),
    ).toEqual(['a', 'b']);
  });
});

describe("the partners' digest of open shipments", () => {
  const open = (shipmentId: string, orderId: string, farmId: string) => ({
    kind: 'shipments_open' as const,
    shipmentId,
    orderId,
    farmId,
    region: 'Gelderland',
  });
  it('when boxes were claimed or delivered since they were batched, then the digest leaves them out and names the farms of the rest', () => {
    const items = [
      open('s1', 'o1', 'f1'),
      open('s2', 'o2', 'f1'),
      open('s3', 'o3', 'f2'),
      open('s4', 'o3', 'f1'),
    ];
    const now = stillOpen(
      items,
      (orderId) => (orderId === 'o1' ? ['s1'] : orderId === 'o3' ? ['s3'] : []),
      (farmId) => (farmId === 'f1' ? 'Kippenhof Visser' : undefined),
    );
    expect(now.map((s) => s.shipmentId)).toEqual(['s2', 's4']);
    expect(openByFarm(now)).toEqual([{ farmName: 'Kippenhof Visser', region: 'Gelderland', count: 2 }]);
    const mail = render('shipments_open', now, 'en', 'http://app.test');
    expect(mail.text).toContain('2 boxes from Kippenhof Visser, Gelderland');
    expect(mail.text).not.toMatch(/s2|s4|shipment s/);
  });
});
