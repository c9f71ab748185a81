/** Every role with an inbox and a profile (admins always may). */
export const EVERYONE = ['buyer', 'farmer', 'logistics'] as const;
