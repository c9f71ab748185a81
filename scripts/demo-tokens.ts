// Mints bearer tokens for the demo users with the dev secret (AUTH_JWT_SECRET) and prints them.
import { mintToken } from '@ftt/kit';
import { demoUsers } from '@ftt/kit/demo-users';

const secret = process.env.AUTH_JWT_SECRET;
if (!secret || secret.length < 32) {
  console.error('AUTH_JWT_SECRET (32+ characters) is required');
  process.exit(1);
}
const settings = {
  secret,
  issuer: process.env.AUTH_ISSUER ?? 'fieldtotable',
  audience: process.env.AUTH_AUDIENCE ?? 'fieldtotable-api',
};
for (const user of demoUsers) {
  console.log(`${user.role.padEnd(9)} ${user.userId.padEnd(18)} ${await mintToken(user, settings, '12h')}`);
}
