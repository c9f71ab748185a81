/**
 * What verifying identity's access tokens costs a service (issue #28: "token verification must not cost more than
 * 5 % of the CPU per order").
 *
 *   pnpm bench:token-verify [--tokens 2000] [--cpu-per-order-ms 38] [--requests-per-order 2]
 *
 * Measures, in this process, CPU per call of the kit's `verifyToken` as the services run it (EdDSA, the key from a
 * JWKS over HTTP, fetched once and cached):
 * - first sight of a token (a person's first request with a new token: signature, claims, memberships parsed);
 * - a token seen before (every later request of that person until the token expires: the kit's verified-token cache);
 * and, for comparison, what the services did before identity: HS256 with the shared secret (jose's `jwtVerify` with
 * the same claims checks). The share is then the worst case, every request of every order from a token never seen
 * (`--requests-per-order` authenticated calls: the saga bench's buyer sends POST /orders and POST /orders/:id/pay),
 * against `--cpu-per-order-ms`, the whole system's CPU per order (round 8's saga bench at 50/s: about 38 ms, the
 * bench's own included; bench/README.md).
 */
import { parseArgs } from 'node:util';
import { jwtVerify, SignJWT } from 'jose';
import { verifyToken } from '@ftt/kit';
import { testEnv, token } from '@ftt/kit/testing';

const { values: a } = parseArgs({
  options: {
    tokens: { type: 'string', default: '2000' },
    'cpu-per-order-ms': { type: 'string', default: '38' },
    'requests-per-order': { type: 'string', default: '2' },
  },
});
const n = Number(a.tokens);
const cpuPerOrderMs = Number(a['cpu-per-order-ms']);
const requestsPerOrder = Number(a['requests-per-order']);

/** CPU (user + system) per call of `f` over `items`, in microseconds. */
const cpuPerCall = async <T>(items: readonly T[], f: (item: T) => Promise<unknown>): Promise<number> => {
  const start = process.cpuUsage();
  for (const item of items) await f(item);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / items.length;
};

const t = testEnv('tokbench');
const person = (i: number) => ({
  userId: `bench-person-${i}`,
  memberships: [
    { kind: 'buyer' as const },
    { kind: 'farm' as const, farmId: `farm-${i % 50}`, role: 'owner' as const },
  ],
});
const tokensOf = (from: number) =>
  Promise.all(Array.from({ length: n }, (_, i) => token(t, person(from + i), '15m')));
// A first pass on other tokens fetches the key set (cached from then on, as in a running service) and warms the code
// up, as a service that has served for a while has.
const warmup = await tokensOf(n);
await cpuPerCall(warmup, (tok) => verifyToken(tok, t.auth));
await cpuPerCall(warmup, (tok) => verifyToken(tok, t.auth));
const tokens = await tokensOf(0);
const fresh = await cpuPerCall(tokens, (tok) => verifyToken(tok, t.auth));
const again = await cpuPerCall(tokens, (tok) => verifyToken(tok, t.auth));

const secret = new TextEncoder().encode('a-shared-secret-of-the-time-before-identity-32b');
const hsTokens = await Promise.all(
  Array.from({ length: n }, (_, i) =>
    new SignJWT({ role: 'buyer' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(`bench-person-${i}`)
      .setIssuer(t.auth.issuer)
      .setAudience(t.auth.audience)
      .setIssuedAt()
      .setExpirationTime('15m')
      .sign(secret),
  ),
);
const hsVerify = (tok: string) =>
  jwtVerify(tok, secret, { issuer: t.auth.issuer, audience: t.auth.audience, algorithms: ['HS256'] });
await cpuPerCall(hsTokens, hsVerify); // warm-up
const hs256 = await cpuPerCall(hsTokens, hsVerify);

const row = (what: string, us: number) => {
  const share = ((us / 1000) * requestsPerOrder * 100) / cpuPerOrderMs;
  console.log(`${what.padEnd(58)} ${us.toFixed(1).padStart(8)} µs   ${share.toFixed(2).padStart(6)} %`);
};
console.log(
  `${n} tokens; share = CPU per call x ${requestsPerOrder} requests per order / ${cpuPerOrderMs} ms of CPU per order (budget: 5 %)`,
);
console.log(`${'verification'.padEnd(58)} ${'CPU/call'.padStart(11)}   ${'share'.padStart(6)}`);
row('EdDSA via JWKS, first sight of each token (worst case)', fresh);
row('EdDSA via JWKS, a token seen before (cached)', again);
row('HS256 shared secret, before identity (no cache)', hs256);
process.exit(0);
