import { randomUUID } from 'node:crypto';
import { DomainError, requireFarm, requirePartner, type Cause, type Principal } from '@ftt/kit';
import { accept, invite } from '../domain/invite-decide';
import type { Invite, InvitedMembership } from '../domain/invite';
import { inviteMail } from '../mail/invite-mail';
import type { Context } from './context';
import { grantMembership } from './people';

export type InviteTarget =
  | { kind: 'farm'; farmId: string }
  | { kind: 'partner'; partnerId: string; regions?: string[] | undefined };

/** The partner membership regions of the inviter (a driver serves where the partner does, unless narrowed). */
const inviterRegions = (actor: Principal, partnerId: string): string[] =>
  actor.memberships.flatMap((m) => (m.kind === 'partner' && m.partnerId === partnerId ? m.regions : []));

/**
 * A farm's owner invites a packer, a partner's manager a driver (the permission table: `members.invite`); the
 * invitation is stored first, then mailed. A mail server that refuses leaves an invitation nobody knows of (the
 * inviter gets a 503 and invites again), never a mail without its invitation.
 */
export const inviteMember = async (
  ctx: Context,
  actor: Principal,
  target: InviteTarget,
  to: { email: string; language: string },
  cause: Cause = {},
): Promise<Invite> => {
  let membership: InvitedMembership;
  if (target.kind === 'farm') {
    requireFarm(actor, target.farmId, 'members.invite', 'invite');
    membership = { kind: 'farm', farmId: target.farmId, role: 'packer' };
  } else {
    requirePartner(actor, target.partnerId, 'members.invite', 'invite');
    const own = inviterRegions(actor, target.partnerId);
    const regions = target.regions ?? own;
    const outside = own.length ? regions.filter((r) => !own.includes(r)) : [];
    if (regions.length === 0 || outside.length)
      throw new DomainError('invite.invalid', 'the regions the driver serves', [
        {
          field: 'body.regions',
          message: regions.length ? `not served by the partner: ${outside.join(', ')}` : 'name at least one region',
        },
      ]);
    membership = { kind: 'partner', partnerId: target.partnerId, role: 'driver', regions };
  }
  const inviteId = randomUUID();
  const r = await ctx.handleInvite.create(
    inviteId,
    (current, now) =>
      invite(
        current,
        { inviteId, email: to.email, membership, by: actor.userId, language: to.language, ttlMs: ctx.inviteTtlMs },
        now,
      ),
    cause,
  );
  const stored = r.state;
  if (!stored) throw new DomainError('invite.conflict', 'the invitation was not stored; try again');
  const place = await ctx.placeName(target.kind === 'farm' ? target.farmId : target.partnerId);
  try {
    await ctx.send(
      inviteMail(
        { email: stored.email, language: to.language },
        { place, role: membership.role === 'packer' ? 'packer' : 'driver', inviter: actor.name ?? 'A member' },
        `${ctx.appUrl}/invites/${inviteId}`,
      ),
    );
  } catch (err) {
    ctx.log.warn({ err, inviteId }, 'invitation mail not sent');
    throw new DomainError('invite.unavailable', 'the invitation could not be mailed; try again in a moment');
  }
  ctx.log.info({ inviteId, kind: membership.kind }, 'member invited');
  return stored;
};

/**
 * The invited person, signed in with the invited (verified) email, accepts: the invitation is marked accepted, then
 * the membership is granted (announced; the next token carries it). Accepting again finishes a grant that failed.
 */
export const acceptInvite = async (ctx: Context, actor: Principal, inviteId: string, cause: Cause = {}) => {
  const account = await ctx.accountEmail(actor.userId);
  if (!account) throw new DomainError('invite.forbidden', 'no account');
  const r = await ctx.handleInvite(
    inviteId,
    (current, now) =>
      accept(current, { personId: actor.userId, email: account.email, emailVerified: account.emailVerified }, now),
    cause,
  );
  const inv = r.state;
  if (!inv) throw new DomainError('invite.not_found', 'no such invitation');
  const person = await grantMembership(
    ctx,
    actor.userId,
    { membership: inv.membership, by: inv.invitedBy },
    { causationid: cause.causationid, correlationid: inviteId },
  );
  ctx.log.info({ inviteId }, 'invitation accepted');
  return { invite: inv, person };
};
