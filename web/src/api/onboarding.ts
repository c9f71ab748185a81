import { request } from './client';
import type {
  Application,
  ApplicationPage,
  FarmApplication,
  Invite,
  Membership,
  PartnerApplication,
} from './types';

const id = encodeURIComponent;

/**
 * identity's onboarding routes: applications to sell or deliver (operators decide them in the back office) and
 * invitations of packers and drivers. They take the bearer token of the signed-in person.
 */
export const onboarding = {
  applyToSell: (b: FarmApplication) => request<Application>('identity', '/applications/farm', { method: 'POST', body: b }),
  applyToDeliver: (b: PartnerApplication) =>
    request<Application>('identity', '/applications/partner', { method: 'POST', body: b }),
  mine: () => request<ApplicationPage>('identity', '/applications/mine', { query: { limit: 20 } }),
  applications: (q: { state?: Application['state'] | undefined; cursor?: string | undefined }) =>
    request<ApplicationPage>('identity', '/admin/applications', { query: { ...q, limit: 25 } }),
  decide: (applicationId: string, verb: 'approve' | 'reject', reason: string) =>
    request<Application>('identity', `/admin/applications/${id(applicationId)}/${verb}`, {
      method: 'POST',
      body: { reason },
    }),
  /** An approved farm or partner suspended or reinstated (audited; announced to catalog and logistics). */
  suspension: (applicationId: string, verb: 'suspend' | 'reinstate', reason: string) =>
    request<Application>('identity', `/admin/applications/${id(applicationId)}/${verb}`, {
      method: 'POST',
      body: { reason },
    }),
  invitePacker: (farmId: string, email: string) =>
    request<Invite>('identity', `/farms/${id(farmId)}/invites`, { method: 'POST', body: { email } }),
  inviteDriver: (partnerId: string, email: string) =>
    request<Invite>('identity', `/partners/${id(partnerId)}/invites`, { method: 'POST', body: { email } }),
  accept: (inviteId: string) =>
    request<{ personId: string; memberships: Membership[] }>('identity', `/invites/${id(inviteId)}/accept`, { method: 'POST' }),
};
