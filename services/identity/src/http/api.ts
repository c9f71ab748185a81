import { Api, type AuthSettings } from '@ftt/kit';
import type { Context } from '../use-cases/context';
import { accountRoutes, type AccountRoutesDeps } from './account-routes';
import { onboardingRoutes } from './onboarding-routes';
import { suspensionRoutes } from './suspension-routes';
import { peopleRoutes } from './people-routes';
import { profileRoutes } from './profile-routes';
import { recoveryRoutes } from './recovery-routes';
import { secondFactorRoutes } from './second-factor-routes';
import type { OwnTokens } from './session-bearer';
import { tokenRoutes } from './token-routes';
import { yourDataRoutes } from './your-data-routes';
import type { PersonalData } from '../data/personal-data';

/** identity's API: accounts (better-auth underneath), access tokens and their keys, people and memberships. */
export const identityApi = (
  auth: AuthSettings,
  ctx: Context,
  d: AccountRoutesDeps & {
    accessTokenTtlSeconds: number;
    ownTokens: OwnTokens;
    secondFactor: (personId: string) => Promise<boolean>;
    personalData: PersonalData;
  },
) => {
  const api = new Api(
    {
      title: 'FieldToTable identity',
      version: '0.1.0',
      description: 'Accounts, access tokens and memberships',
    },
    auth,
  );
  accountRoutes(api, d);
  profileRoutes(api, ctx, d);
  recoveryRoutes(api, d);
  secondFactorRoutes(api, d);
  tokenRoutes(api, d);
  peopleRoutes(api, ctx, d);
  onboardingRoutes(api, ctx, d);
  suspensionRoutes(api, ctx, d);
  yourDataRoutes(api, d);
  return api;
};
