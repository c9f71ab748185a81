import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../api/types';
import { mergeTrails, type Trail } from './audit-merge';

const e = (id: string, at: string): AuditEntry => ({ id, at, actor: { userId: 'ada' }, action: 'farm.suspend', target: { type: 'farm', id: 'f' } });

describe('merging the services’ audit trails', () => {
  it('when one trail has more pages, then nothing older than its oldest loaded entry is shown yet, and it is the one to read next', () => {
    const trails: Trail[] = [
      { service: 'catalog', entries: [e('c1', '2025-06-05'), e('c2', '2025-06-03')], next: 'more', failed: false },
      { service: 'orders', entries: [e('o1', '2025-06-04'), e('o2', '2025-06-01')], next: null, failed: false },
    ];
    const m = mergeTrails(trails);
    expect(m.entries.map((x) => x.id)).toEqual(['c1', 'o1', 'c2']);
    expect(m).toMatchObject({ limiting: ['catalog'], more: true });
  });

  it('when every trail is read to its end, then every entry is shown newest first', () => {
    const m = mergeTrails([
      { service: 'catalog', entries: [e('c1', '2025-06-03')], next: null, failed: false },
      { service: 'logistics', entries: [e('l1', '2025-06-04'), e('l2', '2025-06-01')], next: null, failed: false },
    ]);
    expect(m.entries.map((x) => `${x.service}:${x.id}`)).toEqual(['logistics:l1', 'catalog:c1', 'logistics:l2']);
    expect(m.more).toBe(false);
  });
});
