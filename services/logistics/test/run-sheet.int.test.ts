import { randomUUID } from 'node:crypto';
import { startedForFile } from '@ftt/kit/test-hooks';
import { token } from '@ftt/kit/testing';
import { pdfLines } from '@ftt/kit/testing/pdf';
import { describe, expect, it } from 'vitest';
import { keepText, sheetDay } from '../src/http/run-sheet-pdf';
import { awaitShipments, listing, orderConfirmed, startHarness, users, type OrderConfirmed } from './support';

/**
 * Issue #29, finding 12: the run sheet reads as a driver needs it — the day as a date, no ids, and at each stop the
 * temperature its boxes must be kept at (De Hof's tomatoes 8..14 °C, Polderhoeve's kale 0..6 °C).
 */
const h = startedForFile(() => startHarness('logistics-run-sheet'));

const DAY = '2026-12-17';
const HOME = { kind: 'home' as const, region: 'Gelderland', zoneId: 'zone-wageningen-ede' };
const homeOrder = (farms: ('dehof' | 'polder')[], street: string): OrderConfirmed => {
  const o = orderConfirmed(farms.map((farm) => listing({ farm, lotCode: `RS-${randomUUID().slice(0, 6)}` })));
  return {
    ...o,
    deliveryDate: DAY,
    drop: HOME,
    dropoff: { ...o.dropoff, address: { line1: street, city: 'Ede', postalCode: '6711 AB', country: 'NL' } },
  };
};


describe('the run sheet', () => {
  it('when a partner prints a claimed run, then the sheet names the day as a date, shows no ids, and says at each stop what temperature its boxes need', async () => {
    const one = homeOrder(['dehof'], 'Bergweg 4');
    const both = homeOrder(['dehof', 'polder'], 'Bosweg 80');
    for (const o of [one, both]) await h.probe.send('ftt.orders.order.confirmed.v1', o);
    await awaitShipments(h, one.orderId, 1);
    await awaitShipments(h, both.orderId, 2);
    const [run] = (await h.call('POST', '/runs/plan', users.pia, { region: 'Gelderland', day: DAY })).body;
    expect((await h.call('POST', `/runs/${run.runId}/claim`, users.pia)).status).toBe(200);

    const res = await fetch(`${h.svc.url}/runs/${run.runId}/sheet.pdf`, {
      headers: { authorization: `Bearer ${await token(h.t, users.pia)}` },
    });
    expect(res.status).toBe(200);
    // the text a reader of the sheet sees (its fonts store glyph ids, not characters: read back through ToUnicode)
    const text = pdfLines(new Uint8Array(await res.arrayBuffer())).join('\n');
    expect(text).toContain('Run sheet - Gelderland, Thursday 17 December 2026');
    expect(text).not.toContain(DAY);
    expect(text).not.toContain(run.runId);
    expect(text).not.toContain(users.pia.userId);
    // De Hof's pickup: its three boxes' range; the drop with both farms' boxes: two ranges, kept apart
    expect(text).toContain('Keep between 8 and 14 °C');
    expect(text).toContain(
      'Keep at 8 to 14 °C and 0 to 6 °C: these boxes need different temperatures, keep them apart',
    );
    expect(text).toContain('PICK UP 2 boxes at');
    expect(text).toContain('DROP 1 box at');
    expect(text).not.toContain('box(es)');
  });

  it('when the boxes of a stop share a range, one range is said; with none known, nothing is', () => {
    const ranges = new Map([
      ['a', { minC: 2, maxC: 8 }],
      ['b', { minC: 4, maxC: 10 }],
    ]);
    expect(keepText(['a', 'b'], ranges)).toBe('Keep between 4 and 8 °C');
    expect(keepText(['x'], ranges)).toBeNull();
    expect(sheetDay('2026-12-10')).toBe('Thursday 10 December 2026');
  });
});
