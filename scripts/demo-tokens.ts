// Mints bearer tokens for the demo users with the dev secret (AUTH_JWT_SECRET) and prints them.
import { mintToken, type Principal } from '@ftt/kit';

export const demoUsers: Principal[] = [
  { userId: 'user-farmer-anna', role: 'farmer', name: 'Anna de Vries' },
  { userId: 'user-farmer-joost', role: 'farmer', name: 'Joost Bakker' },
  { userId: 'user-farmer-lena', role: 'farmer', name: 'Lena Visser' },
  { userId: 'user-buyer-ben', role: 'buyer', name: 'Ben Jansen' },
  { userId: 'user-buyer-carla', role: 'buyer', name: 'Carla Smit' },
  { userId: 'user-partner-pia', role: 'logistics', name: 'Pia Koerier', region: 'Gelderland' },
  { userId: 'user-partner-omar', role: 'logistics', name: 'Omar Fietskoerier', region: 'Utrecht' },
  { userId: 'user-admin-ada', role: 'admin', name: 'Ada Operator' },
];

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
