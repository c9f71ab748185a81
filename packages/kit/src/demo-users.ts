/**
 * The demo people (docs/service-guide.md): real accounts in identity once `scripts/dev.sh` has seeded them (identity's
 * DEMO_PEOPLE), all with the password DEMO_PASSWORD. Side-effect free and dependency free, so the web app's sign-in
 * page (its one-click fill-ins in development), identity's seeding and the test harness import the same list.
 *
 * Their memberships follow the test harness's rule (packages/kit/src/testing.ts `testMemberships`): a farmer owns the
 * farm `farm-<userId>`, a logistics partner is the partner `<userId>` (the partner was a person before memberships).
 */
export type DemoRole = 'farmer' | 'buyer' | 'logistics' | 'admin';

/** The shape of packages/contracts' Membership (kept local: this file imports nothing). */
export type DemoMembership =
  | { kind: 'buyer' }
  | { kind: 'farm'; farmId: string; role: 'owner' | 'packer' }
  | { kind: 'partner'; partnerId: string; role: 'manager' | 'driver'; regions: string[] }
  | { kind: 'operator' };

export interface DemoUser {
  userId: string;
  /** Where the sign-in page lists them (a packer is with the farmers). */
  role: DemoRole;
  name: string;
  email: string;
  region?: string;
  /** A farm owner's farm as identity's demo approval names it (default: "<name>'s farm"), in the farm's own language. */
  farmName?: string;
  memberships: DemoMembership[];
  /**
   * An operator's second factor: the TOTP key (the raw key an authenticator app holds; `demoTotpUri` makes its
   * otpauth:// link). Demo only, printed by dev.sh; the sign-in page computes the code from it for the demo operator.
   */
  totpKey?: string;
}

/** The demo people's password. A demo: never an account of a real person. */
export const DEMO_PASSWORD = 'fieldtotable-demo';

/** The farm a farmer of the demo (and of the tests) owns. */
export const demoFarmId = (userId: string): string => `farm-${userId}`;

const email = (first: string) => `${first}@demo.fieldtotable.test`;
const buyer = { kind: 'buyer' } as const;
const owner = (userId: string): DemoMembership => ({
  kind: 'farm',
  farmId: demoFarmId(userId),
  role: 'owner',
});
const partner = (userId: string, region: string): DemoMembership => ({
  kind: 'partner',
  partnerId: userId,
  role: 'manager',
  regions: [region],
});

export const demoUsers: readonly DemoUser[] = [
  { userId: 'user-buyer-ben', role: 'buyer', name: 'Ben Jansen', email: email('ben'), memberships: [buyer] },
  {
    userId: 'user-buyer-carla',
    role: 'buyer',
    name: 'Carla Smit',
    email: email('carla'),
    memberships: [buyer],
  },
  {
    userId: 'user-farmer-anna',
    role: 'farmer',
    name: 'Anna de Vries',
    email: email('anna'),
    memberships: [buyer, owner('user-farmer-anna')],
  },
  {
    userId: 'user-farmer-joost',
    role: 'farmer',
    name: 'Joost Bakker',
    email: email('joost'),
    memberships: [buyer, owner('user-farmer-joost')],
  },
  {
    userId: 'user-farmer-lena',
    role: 'farmer',
    name: 'Lena Visser',
    email: email('lena'),
    memberships: [buyer, owner('user-farmer-lena')],
  },
  {
    userId: 'user-packer-piet',
    role: 'farmer',
    name: 'Piet Pakker',
    email: email('piet'),
    memberships: [buyer, { kind: 'farm', farmId: demoFarmId('user-farmer-anna'), role: 'packer' }],
  },
  {
    userId: 'user-partner-pia',
    role: 'logistics',
    name: 'Pia Koerier',
    email: email('pia'),
    region: 'Gelderland',
    memberships: [buyer, partner('user-partner-pia', 'Gelderland')],
  },
  {
    userId: 'user-partner-omar',
    role: 'logistics',
    name: 'Omar Fietskoerier',
    email: email('omar'),
    region: 'Utrecht',
    memberships: [buyer, partner('user-partner-omar', 'Utrecht')],
  },
  // The Chinese demo market (issue #31): two farms of a vegetable and tea cooperative in Zhejiang, and a buyer in Hangzhou.
  {
    userId: 'user-farmer-mei',
    role: 'farmer',
    name: '陈美',
    email: email('mei'),
    region: '湖州市',
    farmName: '溪龙白茶合作社',
    memberships: [buyer, owner('user-farmer-mei')],
  },
  {
    userId: 'user-farmer-wei',
    role: 'farmer',
    name: '王伟',
    email: email('wei'),
    region: '杭州市',
    farmName: '良渚蔬菜合作社',
    memberships: [buyer, owner('user-farmer-wei')],
  },
  { userId: 'user-buyer-li', role: 'buyer', name: '李娜', email: email('li'), memberships: [buyer] },
  {
    userId: 'user-admin-ada',
    role: 'admin',
    name: 'Ada Operator',
    email: email('ada'),
    memberships: [buyer, { kind: 'operator' }],
    totpKey: 'FieldToTable-demo-operator-key-1',
  },
];

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** The otpauth:// link an authenticator app scans for a demo operator (the key in base32, as better-auth makes it). */
export const demoTotpUri = (user: DemoUser): string | undefined => {
  if (!user.totpKey) return undefined;
  let bits = '';
  for (const byte of new TextEncoder().encode(user.totpKey)) bits += byte.toString(2).padStart(8, '0');
  let secret = '';
  for (let i = 0; i < bits.length; i += 5) secret += BASE32[parseInt(bits.slice(i, i + 5).padEnd(5, '0'), 2)];
  return `otpauth://totp/FieldToTable:${encodeURIComponent(user.email)}?secret=${secret}&issuer=FieldToTable&digits=6&period=30`;
};
