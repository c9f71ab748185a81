// Signs each demo person in through identity (the demo password; the demo operator's second factor from its demo
// key) and prints an access token for the APIs. Tokens come only from identity: they live ACCESS_TOKEN_TTL_SECONDS
// (10 minutes by default); run `pnpm demo:tokens` again for fresh ones. Needs identity started with DEMO_PEOPLE=on
// (scripts/dev.sh does), at IDENTITY_URL (default http://127.0.0.1:3006).
import { DEMO_PASSWORD, demoUsers } from '@ftt/kit/demo-users';
import { signInThroughIdentity } from '@ftt/kit/identity-client';

const identity = process.env.IDENTITY_URL ?? 'http://127.0.0.1:3006';
for (const user of demoUsers) {
  try {
    const s = await signInThroughIdentity(identity, user.email, DEMO_PASSWORD, { totpKey: user.totpKey });
    console.log(`${user.role.padEnd(9)} ${user.userId.padEnd(18)} ${s.token}`);
  } catch (err) {
    console.error(`${user.userId}: ${(err as Error).message}`);
    process.exitCode = 1;
  }
}
