import { t } from '../i18n';
/**
 * A session's device in words ("Firefox on Android") from the browser's user agent, as far as it tells: enough for
 * a person to recognise their phone or laptop in the list of sessions. Not a fingerprint: what is unknown says so.
 */
export const deviceOf = (userAgent: string | null): string => {
  if (!userAgent) return t('device.unknown');
  const ua = userAgent;
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /OPR\//.test(ua)
      ? 'Opera'
      : /Firefox\//.test(ua)
        ? 'Firefox'
        : /(Chrome|Chromium|CriOS)\//.test(ua)
          ? 'Chrome'
          : /Safari\//.test(ua) && /Version\//.test(ua)
            ? 'Safari'
            : undefined;
  const system = /Android/.test(ua)
    ? 'Android'
    : /iPhone/.test(ua)
      ? 'iPhone'
      : /iPad/.test(ua)
        ? 'iPad'
        : /Windows/.test(ua)
          ? 'Windows'
          : /Mac OS X|Macintosh/.test(ua)
            ? 'Mac'
            : /CrOS/.test(ua)
              ? 'ChromeOS'
              : /Linux/.test(ua)
                ? 'Linux'
                : undefined;
  if (browser && system) return t('device.on', { browser, system });
  if (browser ?? system) return (browser ?? system)!;
  // a program rather than a browser (curl, an app): its own name, first word only
  const name = /^[A-Za-z][\w.-]*/.exec(ua)?.[0];
  return name ? t('device.other', { name: name.slice(0, 40) }) : t('device.unknown');
};
