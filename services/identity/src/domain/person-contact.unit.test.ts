import { describe, expect, it } from 'vitest';
import { register } from './person-decide';

const now = new Date('2026-12-07T10:00:00Z');

describe('a person’s address on the registration event', () => {
  it('when an account registers with an email and name, then the event carries them for notifications and the person keeps neither', () => {
    const out = register(null, { personId: 'prs-noor', language: 'nl', email: 'noor@example.test', name: 'Noor' }, now);
    if (out.kind !== 'change') throw new Error(`expected a change, got ${out.kind}`);
    expect(out.events).toEqual([
      {
        type: 'ftt.identity.person.registered.v1',
        data: { personId: 'prs-noor', at: now.toISOString(), language: 'nl', email: 'noor@example.test', name: 'Noor' },
      },
    ]);
    expect(JSON.stringify(out.state)).not.toContain('noor@example.test');
  });
});
