import { change, ignore, reject, type Outcome } from '@ftt/kit/domain';
import type { Invite, InvitedMembership } from './invite';

type InviteOutcome = Outcome<Invite, never>;

/** A new invitation; it lasts `ttlMs`. The membership is granted only when accepted. */
export const invite = (
  current: Invite | null,
  cmd: { inviteId: string; email: string; membership: InvitedMembership; by: string; language: string; ttlMs: number },
  now: Date,
): InviteOutcome => {
  if (current) return ignore('already invited');
  return change(
    {
      inviteId: cmd.inviteId,
      email: cmd.email.toLowerCase(),
      membership: cmd.membership,
      invitedBy: cmd.by,
      language: cmd.language,
      state: 'pending',
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + cmd.ttlMs).toISOString(),
    },
    [],
  );
};

/**
 * Accepted by the person whose verified email is the invited one, before it expires. Accepting again (the same
 * person: a retried click) is ignored, so the caller can make sure the membership exists.
 */
export const accept = (
  current: Invite | null,
  cmd: { personId: string; email: string; emailVerified: boolean },
  now: Date,
): InviteOutcome => {
  if (!current) return reject('invite.not_found', 'no such invitation');
  if (current.state === 'accepted')
    return current.accepted?.by === cmd.personId
      ? ignore('already accepted')
      : reject('invite.invalid_transition', 'the invitation was accepted already');
  if (current.expiresAt <= now.toISOString()) return reject('invite.invalid_transition', 'the invitation has expired');
  if (!cmd.emailVerified || cmd.email.toLowerCase() !== current.email)
    return reject('invite.forbidden', 'this invitation is for another email address: sign in with the invited one');
  return change({ ...current, state: 'accepted', accepted: { at: now.toISOString(), by: cmd.personId } }, []);
};
