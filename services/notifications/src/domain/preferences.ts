import {
  BUYER_KINDS,
  CHANNELS,
  FARMER_KINDS,
  NOTICE_KINDS,
  PARTNER_KINDS,
  isAccountKind,
  type Channel,
  type Language,
  type NoticeKind,
} from './notice';

/** Per kind and channel: true to receive, false not to. What is not set is on (people hear about everything). */
export type Preferences = Partial<Record<NoticeKind, Partial<Record<Channel, boolean>>>>;

export type ProfileRole = 'buyer' | 'farmer' | 'logistics' | 'admin';

/**
 * There is no user directory here yet (identity has it; consuming its people topic is issue #28's next step):
 * notifications keeps a profile per person (the token's sub) with where to write and in which language. Created on
 * the person's first call, with what their token's memberships make them (`roles`) and where their partners work.
 */
export interface Profile {
  userId: string;
  /** What the person's memberships make them: a buyer, a farm's member, a partner's member, an operator. */
  roles?: ProfileRole[] | undefined;
  /** The regions their logistics partners serve: they hear of open shipments there. */
  regions?: string[] | undefined;
  email: string;
  language: Language;
  preferences: Preferences;
  /** The person deleted their account: nothing is sent to them any more. */
  erasedAt?: string | undefined;
}

/** The kinds each role can receive, for the settings screen (operators receive every kind). */
export const KINDS_BY_ROLE: Record<ProfileRole, readonly NoticeKind[]> = {
  buyer: BUYER_KINDS,
  farmer: FARMER_KINDS,
  logistics: PARTNER_KINDS,
  admin: NOTICE_KINDS.filter((k) => !isAccountKind(k)),
};

/** The kinds a person with these roles receives (everyone shops). */
export const kindsOf = (roles: readonly ProfileRole[] | undefined): NoticeKind[] => {
  const kinds = new Set<NoticeKind>(BUYER_KINDS);
  for (const r of roles ?? []) for (const k of KINDS_BY_ROLE[r]) kinds.add(k);
  return NOTICE_KINDS.filter((k) => kinds.has(k));
};

/** The profile of someone who never set one: `<sub>@<domain>`, English, everything on. */
export const defaultProfile = (userId: string, emailDomain: string): Profile => ({
  userId,
  email: `${userId}@${emailDomain}`,
  language: 'en',
  preferences: {},
});

export const wants = (prefs: Preferences, kind: NoticeKind, channel: Channel): boolean =>
  prefs[kind]?.[channel] ?? true;

/** The channels a message of this kind goes out on for this person. */
export const channelsFor = (prefs: Preferences, kind: NoticeKind): Channel[] =>
  isAccountKind(kind) ? ['email'] : CHANNELS.filter((c) => wants(prefs, kind, c));

/**
 * A change of some kinds' channels as (kind, channel, on) settings; kinds and channels not named keep their
 * value. Stored one field each, so two changes at once both hold (no read-modify-write of the whole map).
 */
export const preferenceSettings = (change: Preferences): [NoticeKind, Channel, boolean][] =>
  NOTICE_KINDS.flatMap((kind) =>
    CHANNELS.flatMap((channel): [NoticeKind, Channel, boolean][] => {
      const on = change[kind]?.[channel];
      return on === undefined ? [] : [[kind, channel, on]];
    }),
  );

/** Every kind with both channels spelt out, as the settings screen shows them. */
export const effectivePreferences = (prefs: Preferences, kinds: readonly NoticeKind[]) =>
  Object.fromEntries(
    kinds.map((k) => [k, Object.fromEntries(CHANNELS.map((c) => [c, wants(prefs, k, c)]))]),
  ) as Record<NoticeKind, Record<Channel, boolean>>;
