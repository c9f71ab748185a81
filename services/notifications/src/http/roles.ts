/** Everyone with an inbox and a profile: every person who shops or is a member of something (operators always may). */
export const EVERYONE = ['buyer', 'farm', 'partner'] as const;
