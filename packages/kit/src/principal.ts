import type { Membership } from '@ftt/contracts';

/**
 * The caller of a route: a person as identity's access token names them. What they may do is in their memberships
 * (access.ts reads them: requireFarm, requirePartner, isOperator...); there is no single role any more.
 */
export interface Principal {
  readonly userId: string;
  readonly name?: string | undefined;
  readonly memberships: readonly Membership[];
}
