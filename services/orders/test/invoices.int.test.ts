import { startedForFile } from '@ftt/kit/test-hooks';
import { describe, expect, it } from 'vitest';
import { textOf } from '../../../test/support/qr-from-pdf';
import { startHarness } from './support/harness';
import { confirmedOrder, orderAwaitingPayment } from './support/saga-steps';

/**
 * Issue #33: a business buyer adds its company details to a paid order and downloads an invoice (the receipt's
 * amounts, its company, numbers in each seller's invoice series); a refund's credit note names the invoice it corrects.
 */
const h = startedForFile(() => startHarness());

const pdf = async (path: string, token: string) => {
  const res = await fetch(`${h.service!.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, text: res.ok ? textOf(new Uint8Array(await res.arrayBuffer())) : await res.text() };
};
const squash = (s: string) => s.replace(/\s+/g, ' ');

const company = {
  name: 'Restaurant De Kas B.V.',
  address: { line1: 'Kamerlingh Onneslaan 3', postalCode: '1097 DE', city: 'Amsterdam', country: 'NL' },
  vatId: 'nl 8123.4567.8B01',
};

describe('business invoices', () => {
  it('when a business buyer adds its company to a paid order, then the invoice carries it, the receipt’s total and gapless invoice numbers; a refund’s credit note names the invoice', async () => {
    const o = await confirmedOrder(h);
    // no company yet: no invoice
    expect((await pdf(`/orders/${o.orderId}/invoice.pdf`, h.users.ben)).status).toBe(409);
    expect((await h.call('GET', `/orders/${o.orderId}/company`, { token: h.users.ben })).body).toEqual({ company: null, issuedAt: null });

    const saved = await h.call('PUT', `/orders/${o.orderId}/company`, { token: h.users.ben, body: company });
    expect(saved.status).toBe(200);
    // the VAT id is kept without spaces or dots, in capitals
    expect(saved.body.company.vatId).toBe('NL812345678B01');
    expect(saved.body.issuedAt).toBeNull();

    const inv = await pdf(`/orders/${o.orderId}/invoice.pdf`, h.users.ben);
    expect(inv.status).toBe(200);
    const text = squash(inv.text);
    expect(text).toContain('Invoice');
    expect(text).toContain('Invoice to');
    expect(text).toContain('Restaurant De Kas B.V.');
    expect(text).toContain('VAT id NL812345678B01');
    expect(text).toMatch(/No\. FARM-ANNA-[0-9A-F]{8}-INV-\d{4}-\d{2}-00001/);
    expect(text).toMatch(/No\. FARM-JOOST-[0-9A-F]{8}-INV-\d{4}-\d{2}-00001/);
    expect(text).toMatch(/No\. PLATFORM-INV-\d{4}-\d{2}-\d{5}/);
    expect(text).toContain(`Total paid €${(o.total / 100).toFixed(2)}`);
    // the same numbers when asked again; in Dutch it is a "Factuur"
    expect(squash((await pdf(`/orders/${o.orderId}/invoice.pdf`, h.users.ben)).text)).toBe(text);
    expect(squash((await pdf(`/orders/${o.orderId}/invoice.pdf?lang=nl`, h.users.ben)).text)).toContain('Factuur aan');
    // the receipt keeps its own series
    expect(squash((await pdf(`/orders/${o.orderId}/receipt.pdf`, h.users.ben)).text)).not.toContain('-INV-');

    // issued: the details are fixed
    const again = await h.call('PUT', `/orders/${o.orderId}/company`, { token: h.users.ben, body: { ...company, name: 'Other B.V.' } });
    expect(again.status).toBe(409);
    expect((await h.call('GET', `/orders/${o.orderId}/company`, { token: h.users.ben })).body.company.name).toBe('Restaurant De Kas B.V.');

    const refund = await h.call('POST', `/admin/orders/${o.orderId}/refunds`, {
      token: h.users.ada,
      body: { amountMinor: 500, reason: 'Two apples were bruised' },
    });
    expect(refund.status).toBe(201);
    const note = squash((await pdf(`/orders/${o.orderId}/credit-note.pdf`, h.users.ben)).text);
    expect(note).toContain('Credit note');
    expect(note).toMatch(/Corrects invoice (FARM-(ANNA|JOOST)-[0-9A-F]{8}|PLATFORM)-INV-\d{4}-\d{2}-\d{5}/);
  });

  it('when the details are bad, the order unpaid or someone else’s, then no company is stored', async () => {
    const paid = await confirmedOrder(h);
    const bad = await h.call('PUT', `/orders/${paid.orderId}/company`, { token: h.users.ben, body: { ...company, vatId: '12' } });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(JSON.stringify(bad.body.errors)).toContain('body.vatId');
    const noCountry = await h.call('PUT', `/orders/${paid.orderId}/company`, {
      token: h.users.ben,
      body: { ...company, address: { ...company.address, country: 'Netherlands' } },
    });
    expect(noCountry.status).toBe(400);
    expect(JSON.stringify(noCountry.body.errors)).toContain('body.address.country');
    expect((await h.call('PUT', `/orders/${paid.orderId}/company`, { token: h.users.carla, body: company })).status).toBe(404);
    expect((await pdf(`/orders/${paid.orderId}/invoice.pdf`, h.users.carla)).status).toBe(404);
    const unpaid = await orderAwaitingPayment(h);
    expect((await h.call('PUT', `/orders/${unpaid.orderId}/company`, { token: h.users.ben, body: company })).status).toBe(409);
    expect((await h.call('GET', `/orders/${paid.orderId}/company`, { token: h.users.ben })).body.company).toBeNull();
  });
});
