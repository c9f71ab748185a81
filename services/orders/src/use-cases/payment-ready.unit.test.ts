import { describe, expect, it } from 'vitest';
import { PaymentReady } from './payment-ready';

const timed = async (p: Promise<void>) => {
  const t0 = performance.now();
  await p;
  return performance.now() - t0;
};

describe('PaymentReady', () => {
  it('when the payment is written between the request\'s look and its wait, then the wait ends at once', async () => {
    const ready = new PaymentReady();
    const l = ready.listen('o1'); // before the look
    ready.notify('o1'); // the write lands while the request is looking
    expect(await timed(l.wait(1000))).toBeLessThan(100);
    l.close();
    expect(ready.size).toBe(0);
  });

  it('when the payment is written while the request waits, then it wakes; a wait for another order does not', async () => {
    const ready = new PaymentReady();
    const mine = ready.listen('o1');
    const other = ready.listen('o2');
    setTimeout(() => ready.notify('o1'), 20);
    expect(await timed(mine.wait(1000))).toBeLessThan(500);
    expect(await timed(other.wait(150))).toBeGreaterThanOrEqual(140);
    mine.close();
    other.close();
    expect(ready.size).toBe(0);
  });

  it('when nothing is written, then the wait ends after its time and closing forgets the listener', async () => {
    const ready = new PaymentReady();
    const l = ready.listen('o1');
    expect(await timed(l.wait(60))).toBeGreaterThanOrEqual(55);
    expect(ready.size).toBe(1);
    l.close();
    expect(ready.size).toBe(0);
  });
});
