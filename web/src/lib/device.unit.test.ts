import { describe, expect, it } from 'vitest';
import { deviceOf } from './device';

describe("a session's device in words", () => {
  it('when the user agent is a common browser, then it reads "<browser> on <system>"', () => {
    expect(
      deviceOf(
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/140.0.0.0 Safari/537.36',
      ),
    ).toBe('Chrome on Linux');
    expect(deviceOf('Mozilla/5.0 (Android 14; Mobile; rv:128.0) Gecko/128.0 Firefox/128.0')).toBe(
      'Firefox on Android',
    );
    expect(
      deviceOf(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
      ),
    ).toBe('Safari on iPhone');
    expect(
      deviceOf(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0',
      ),
    ).toBe('Edge on Windows');
  });

  it('when it is a program or missing, then it says so', () => {
    expect(deviceOf('node')).toBe('Other (node)');
    expect(deviceOf('curl/8.5.0')).toBe('Other (curl)');
    expect(deviceOf(null)).toBe('Unknown device');
    expect(deviceOf('')).toBe('Unknown device');
  });
});
