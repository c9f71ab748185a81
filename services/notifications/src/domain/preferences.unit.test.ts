import { describe, expect, it } from 'vitest';
import {
  channelsFor,
  defaultProfile,
  effectivePreferences,
  KINDS_BY_ROLE,
  preferenceSettings,
  wants,
} from './preferences';

describe('preferences', () => {
  it('when someone never set preferences, then every kind comes on both channels, to <sub>@domain in English', () => {
    const p = defaultProfile('user-buyer-ben', 'users.fieldtotable.test');
    expect(p).toEqual({
      userId: 'user-buyer-ben',
      email: 'user-buyer-ben@users.fieldtotable.test',
      language: 'en',
      preferences: {},
    });
    expect(channelsFor(p.preferences, 'delivered')).toEqual(['email', 'inapp']);
  });

  it('when a buyer turns email off for deliveries, then deliveries come in-app only and other kinds keep both', () => {
    const prefs = { delivered: { email: false } };
    expect(channelsFor(prefs, 'delivered')).toEqual(['inapp']);
    expect(channelsFor(prefs, 'order_confirmed')).toEqual(['email', 'inapp']);
    expect(wants({ delivered: { email: false, inapp: false } }, 'delivered', 'inapp')).toBe(false);
  });

  it('when a change names some kinds and channels, then exactly those become settings, one per field', () => {
    expect(
      preferenceSettings({ delivered: { email: false }, payout_made: { inapp: true, email: false } }),
    ).toEqual([
      ['delivered', 'email', false],
      ['payout_made', 'email', false],
      ['payout_made', 'inapp', true],
    ]);
    expect(preferenceSettings({})).toEqual([]);
  });

  it('when the settings screen asks, then a role sees its own kinds with both channels spelt out', () => {
    const e = effectivePreferences({ new_orders: { email: false } }, KINDS_BY_ROLE.farmer);
    expect(Object.keys(e)).toEqual(['new_orders', 'payout_made', 'temperature_excursion']);
    expect(e.new_orders).toEqual({ email: false, inapp: true });
  });
});
