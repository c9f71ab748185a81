/**
 * The demo people live once, in the kit: real accounts in identity once scripts/dev.sh has seeded them. The sign-in
 * page offers them as one-click fill-ins in development (and in the browser suites' build), never in a production
 * build. A relative import on purpose: Vite bundles it into its config, while a TypeScript file reached through
 * node_modules (@ftt/kit/demo-users) would be left for Node to load, which cannot.
 */
export {
  DEMO_PASSWORD,
  demoUsers,
  type DemoMembership,
  type DemoRole as Role,
  type DemoUser,
} from '../../../packages/kit/src/demo-users';

/** An authenticator app's current code for a demo operator's key (RFC 6238: HMAC-SHA1, 30 s, 6 digits). */
export const demoTotpCode = async (key: string, at = Date.now()): Promise<string> => {
  const counter = new ArrayBuffer(8);
  new DataView(counter).setBigUint64(0, BigInt(Math.floor(at / 30_000)));
  const k = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(key),
    { name: 'HMAC', hash: 'SHA-1' },
    false,
    ['sign'],
  );
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', k, counter));
  const offset = mac[mac.length - 1]! & 0xf;
  const n = (new DataView(mac.buffer).getUint32(offset) & 0x7fffffff) % 1_000_000;
  return String(n).padStart(6, '0');
};
