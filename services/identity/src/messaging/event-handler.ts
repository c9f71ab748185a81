import { eventHandler, type EventSteps } from '@ftt/kit';
import { grantApprovedMembership } from '../use-cases/applications';
import type { Context } from '../use-cases/context';

/**
 * identity reads its own decisions back: an approval's membership is granted by the operator's request at once, and
 * again here from the announced decision (the outbox guarantees it leaves), so a process that died between the
 * decision's write and the grant still grants it. Granting what the person has is ignored.
 */
const STEPS: EventSteps<Context> = {
  'ftt.identity.application.decided.v1': grantApprovedMembership,
};

export const createEventHandler = (ctx: Context) => eventHandler(ctx, STEPS);
