import { describe, expect, it } from 'vitest';
import { serialOf } from './digital-link';

describe('reading a scanned box label', () => {
  it('when the QR code holds a label address, then its serial is read, whatever the host', () => {
    expect(serialOf('https://shop.example/01/lst-1/10/LOT%2F1/21/FTT-7K2M9Q4XW8PA')).toBe('FTT-7K2M9Q4XW8PA');
    expect(serialOf('http://127.0.0.1:5173/01/09506000134352/10/A/21/FTT-000000000000/')).toBe(
      'FTT-000000000000',
    );
  });

  it('when the code under the QR code is typed, then it counts too, in any case', () => {
    expect(serialOf(' ftt-7k2m9q4xw8pa ')).toBe('FTT-7K2M9Q4XW8PA');
  });

  it('when the code is anything else, then no box is named', () => {
    for (const other of [
      'https://example.com/',
      'FTT-123',
      '/01/x/10/y/21/not-a-serial',
      'https://x/01/a/10/b/21/FTT-ILOU00000000',
    ])
      expect(serialOf(other), other).toBeNull();
  });
});
