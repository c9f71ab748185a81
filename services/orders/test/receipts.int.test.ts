import { startedForFile } from '@ftt/kit/test-hooks';
import { describe, expect, it } from 'vitest';
import { textOf } from '../../../test/support/qr-from-pdf';
import { startHarness } from './support/harness';
import { confirmedOrder, orderAwaitingPayment } from './support/saga-steps';

/**
 * Issue #33: the buyer's receipt of a paid order (en/nl, each farm the seller of its goods with its own gapless number,
 * VAT per rate, delivery and the platform fee apart) and a credit note for an operator's refund; read back from the PDF.
 */
const h = startedForFile(() => startHarness());

const pdf = async (path: string, token: string) => {
  const res = await fetch(`${h.service!.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return {
    status: res.status,
    text: res.ok ? textOf(new Uint8Array(await res.arrayBuffer())) : await res.text(),
  };
};
const squash = (s: string) => s.replace(/\s+/g, ' ');

describe('receipts and credit notes', () => {
  it('when the buyer downloads the receipt of a paid order, then each farm sells its own goods under its own number, with VAT, delivery and the fee apart, and the total is what was paid', async () => {
    const o = await confirmedOrder(h);
    const en = await pdf(`/orders/${o.orderId}/receipt.pdf`, h.users.ben);
    expect(en.status).toBe(200);
    const text = squash(en.text);
    expect(text).toContain('Receipt');
    expect(text).toMatch(/Sold by Anna’s Orchard|Sold by Anna\?s Orchard/);
    expect(text).toMatch(/No\. FARM-ANNA-[0-9A-F]{8}-\d{4}-\d{2}-00001/);
    expect(text).toMatch(/No\. FARM-JOOST-[0-9A-F]{8}-\d{4}-\d{2}-00001/);
    expect(text).toMatch(/No\. PLATFORM-\d{4}-\d{2}-\d{5}/);
    expect(text).toContain('VAT 9 %');
    expect(text).toContain('VAT 21 %');
    expect(text).toContain('Platform fee');
    expect(text).toContain(`Total paid €${(o.total / 100).toFixed(2)}`);

    // the same numbers when asked again, and in Dutch
    expect(squash((await pdf(`/orders/${o.orderId}/receipt.pdf`, h.users.ben)).text)).toBe(text);
    const nl = squash((await pdf(`/orders/${o.orderId}/receipt.pdf?lang=nl`, h.users.ben)).text);
    expect(nl).toContain('Kassabon');
    expect(nl).toContain('Btw 9 %');
    expect(nl).toContain(`Totaal betaald € ${(o.total / 100).toFixed(2).replace('.', ',')}`);

    // an operator's refund gives a credit note that takes back exactly that
    const refund = await h.call('POST', `/admin/orders/${o.orderId}/refunds`, {
      token: h.users.ada,
      body: { amountMinor: 500, reason: 'Two apples were bruised' },
    });
    expect(refund.status).toBe(201);
    const note = await pdf(`/orders/${o.orderId}/credit-note.pdf`, h.users.ben);
    expect(note.status).toBe(200);
    expect(squash(note.text)).toContain('Credit note');
    expect(squash(note.text)).toMatch(/Total refunded -€5\.00|Total refunded −€5\.00/);
    expect(squash(note.text)).toMatch(/-CN-\d{4}-\d{2}-00001/);
    expect((await pdf(`/orders/${o.orderId}/credit-note.pdf?refund=1`, h.users.ben)).status).toBe(404);
  });

  it('when the order is not paid, or not theirs, or asked badly, then there is no receipt', async () => {
    const o = await orderAwaitingPayment(h);
    expect((await pdf(`/orders/${o.orderId}/receipt.pdf`, h.users.ben)).status).toBe(409);
    const paid = await confirmedOrder(h);
    expect((await pdf(`/orders/${paid.orderId}/receipt.pdf`, h.users.carla)).status).toBe(404);
    expect((await pdf(`/orders/${paid.orderId}/credit-note.pdf`, h.users.ben)).status).toBe(404);
    const bad = await pdf(`/orders/${paid.orderId}/receipt.pdf?lang=de`, h.users.ben);
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('query.lang');
  });
});
