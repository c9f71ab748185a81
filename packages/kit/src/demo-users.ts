/**
 * The demo users (docs/service-guide.md). Side-effect free and dependency free, so the web app's
 * sign-in page and dev server can import it as well as scripts/demo-tokens.ts.
 */
export type DemoRole = 'farmer' | 'buyer' | 'logistics' | 'admin';

export interface DemoUser {
  userId: string;
  role: DemoRole;
  name: string;
  region?: string;
}

export const demoUsers: readonly DemoUser[] = [
  { userId: 'user-buyer-ben', role: 'buyer', name: 'Ben Jansen' },
  { userId: 'user-buyer-carla', role: 'buyer', name: 'Carla Smit' },
  { userId: 'user-farmer-anna', role: 'farmer', name: 'Anna de Vries' },
  { userId: 'user-farmer-joost', role: 'farmer', name: 'Joost Bakker' },
  { userId: 'user-farmer-lena', role: 'farmer', name: 'Lena Visser' },
  { userId: 'user-partner-pia', role: 'logistics', name: 'Pia Koerier', region: 'Gelderland' },
  { userId: 'user-partner-omar', role: 'logistics', name: 'Omar Fietskoerier', region: 'Utrecht' },
  { userId: 'user-admin-ada', role: 'admin', name: 'Ada Operator' },
];
