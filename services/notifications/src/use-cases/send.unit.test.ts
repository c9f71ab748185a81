import { describe, expect, it } from 'vitest';
import { backoffMs } from './send';

describe('send backoff', () => {
  it('when attempts fail one after another, then the pause doubles from the base and stays at the max', () => {
    const mid = () => 0.5; // no jitter
    expect([1, 2, 3, 4, 5, 10, 30].map((a) => backoffMs(a, 1000, 10_000, mid))).toEqual([
      1000, 2000, 4000, 8000, 10_000, 10_000, 10_000,
    ]);
  });

  it('when jitter applies, then the pause stays within ±20 % of the step', () => {
    expect(backoffMs(3, 1000, 60_000, () => 0)).toBe(3200);
    expect(backoffMs(3, 1000, 60_000, () => 1)).toBe(4800);
  });
});
