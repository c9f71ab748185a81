import { describe, expect, it } from 'vitest';
import { startedForFile } from '@ftt/kit/test-hooks';
import { testFarmId } from '@ftt/kit/testing';
import { farmBody, startHarness } from './support';

/** The payout account comes only from Stripe Connect onboarding (issue #28): a typed-in one is refused. */
const h = startedForFile(() => startHarness('catalog-typed-payout'));

const fields = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field);

describe('a typed-in payout account', () => {
  it('when a farm is opened with a typed payoutAccountId, then 400 problem+json names the field and no farm is stored', async () => {
    const r = await h.call('POST', '/farms', 'anna', { ...farmBody(), payoutAccountId: 'acct_1TypedByHand01' });
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toMatch(/problem\+json/);
    expect(fields(r.body)).toContain('body.payoutAccountId');
    expect(await h.db.collection('farms').findOne({ _id: testFarmId('user-farmer-anna') as never })).toBeNull();
  });

  it('when an owner patches a typed payoutAccountId onto the farm, then 400 names the field and the farm keeps no account', async () => {
    const opened = await h.call('POST', '/farms', 'joost', farmBody({ name: 'Hof van Joost' }));
    expect(opened.status).toBe(201);
    const farmId = String(opened.body.id);
    const r = await h.call('PATCH', `/farms/${farmId}`, 'joost', { payoutAccountId: 'acct_1TypedByHand02' });
    expect(r.status).toBe(400);
    expect(fields(r.body)).toContain('body.payoutAccountId');
    expect((await h.db.collection('farms').findOne({ _id: farmId as never }))?.payoutAccountId).toBeUndefined();
  });
});
