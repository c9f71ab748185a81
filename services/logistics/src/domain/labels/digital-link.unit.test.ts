import { describe, expect, it } from 'vitest';
import { digitalLink, digitalLinkPath, parseDigitalLink } from './digital-link';

describe('box label addresses (GS1 Digital Link style)', () => {
  const key = { product: 'lst-7f3a', lot: 'LOT 2026/11-A', serial: 'FTT-7K2M9Q4XW8PA' };

  it('when a key is written, then product, lot and serial follow the AIs 01, 10 and 21, each URI-encoded', () => {
    expect(digitalLinkPath(key)).toBe('/01/lst-7f3a/10/LOT%202026%2F11-A/21/FTT-7K2M9Q4XW8PA');
    expect(digitalLink('https://shop.example/', key)).toBe(
      'https://shop.example/01/lst-7f3a/10/LOT%202026%2F11-A/21/FTT-7K2M9Q4XW8PA',
    );
  });

  it('when an address is read back, then the same key comes out, from a full URL or a bare path', () => {
    expect(parseDigitalLink(digitalLink('https://shop.example', key))).toEqual(key);
    expect(parseDigitalLink(digitalLinkPath(key))).toEqual(key);
    // a GTIN-14 takes the product's place
    expect(parseDigitalLink('https://x.example/01/09506000134352/10/ABC/21/FTT-000000000000')).toEqual({
      product: '09506000134352',
      lot: 'ABC',
      serial: 'FTT-000000000000',
    });
  });

  it('when an address is not a box label, then nothing is read from it', () => {
    for (const bad of [
      'https://shop.example/track?code=FTT-7K2M9Q4XW8PA',
      '/01/lst/10/lot',
      '/01/lst/10/lot/21/',
      '/01/lst/10/lot/21/a/b',
      '/01/%E0%A4%A/10/lot/21/x',
      'not a url',
    ])
      expect(parseDigitalLink(bad), bad).toBeNull();
  });
});
