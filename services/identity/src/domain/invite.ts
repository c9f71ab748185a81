
/**
 * An invitation to join a farm (as packer) or a logistics partner (as driver), sent by email by the farm's owner or
 * the partner's manager. It is accepted by whoever signs in with that email (verified), after sign-up if they had no
 * account: then identity grants the membership, and the next token carries it.
 */
export type InvitedMembership =
  | { kind: 'farm'; farmId: string; role: 'packer' }
  | { kind: 'partner'; partnerId: string; role: 'driver'; regions: string[] };

export interface Invite {
  inviteId: string;
  /** The invited address, lower case: only an account with this verified email accepts. */
  email: string;
  membership: InvitedMembership;
  invitedBy: string;
  language: string;
  state: 'pending' | 'accepted';
  createdAt: string;
  expiresAt: string;
  accepted?: { at: string; by: string } | undefined;
  traceparent?: string | undefined;
}
