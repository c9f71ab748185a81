import { z } from 'zod';

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

/** What an invite document holds (the aggregate's state schema: the decider tests parse every state with it). */
export const InviteState: z.ZodType<Invite> = z.strictObject({
  inviteId: z.string().min(1),
  email: z.string().min(3),
  membership: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('farm'), farmId: z.string().min(1), role: z.literal('packer') }),
    z.strictObject({ kind: z.literal('partner'), partnerId: z.string().min(1), role: z.literal('driver'), regions: z.array(z.string()) }),
  ]),
  invitedBy: z.string().min(1),
  language: z.string().min(2),
  state: z.enum(['pending', 'accepted']),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  accepted: z.strictObject({ at: z.iso.datetime(), by: z.string().min(1) }).optional(),
  traceparent: z.string().optional(),
});
