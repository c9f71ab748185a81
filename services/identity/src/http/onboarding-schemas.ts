import { Region } from '@ftt/contracts';
import { nameSchemas, PageQuery, pageView } from '@ftt/kit';
import { z } from 'zod';
import { Language } from './schemas';

const Text = (max: number) => z.string().trim().min(1).max(max);

export const CertificationBody = z.strictObject({
  name: Text(80).describe('e.g. "EU organic (SKAL)", "Demeter"'),
  documentRef: Text(500).describe("Where the certificate's document is kept (a link or file reference the operator checks)"),
});

export const FarmApplicationBody = z.strictObject({
  name: Text(120),
  region: Region,
  description: Text(2000),
  certifications: z.array(CertificationBody).max(10).default([]),
});

export const PartnerApplicationBody = z.strictObject({
  name: Text(120),
  regions: z.array(Region).min(1).max(50),
});

export const DecisionBody = z.strictObject({
  reason: z.string().trim().min(3).max(500).describe('Why: the applicant sees it (a rejection) and the audit trail keeps it'),
});

export const ApplicationParams = z.strictObject({ applicationId: z.string().min(1).max(64) });
export const ApplicationState = z.enum(['submitted', 'approved', 'rejected']);
export const ApplicationsQuery = z.strictObject({ ...PageQuery, state: ApplicationState.optional() });
export const MyApplicationsQuery = z.strictObject({ ...PageQuery });

export const ApplicationView = z.object({
  applicationId: z.string(),
  personId: z.string(),
  kind: z.enum(['farm', 'partner']),
  state: ApplicationState,
  submittedAt: z.string(),
  /** The farm or partner id the approval makes (the applicant's membership names it). */
  placeId: z.string(),
  farm: z
    .object({
      name: z.string(),
      region: z.string(),
      description: z.string(),
      certifications: z.array(z.object({ name: z.string(), documentRef: z.string() })),
    })
    .optional(),
  partner: z.object({ name: z.string(), regions: z.array(z.string()) }).optional(),
  decision: z.object({ at: z.string(), by: z.string(), reason: z.string() }).optional(),
  /** An approved farm or partner an operator suspended, and why (null or absent: active). */
  suspended: z.object({ at: z.string(), by: z.string(), reason: z.string() }).nullable().optional(),
});
export const ApplicationPage = pageView(ApplicationView);

const Email = z.email().max(254);
export const FarmParams = z.strictObject({ farmId: z.string().min(1).max(64) });
export const PartnerParams = z.strictObject({ partnerId: z.string().min(1).max(64) });
export const FarmInviteBody = z.strictObject({ email: Email, language: Language.default('en') });
export const PartnerInviteBody = z.strictObject({
  email: Email,
  language: Language.default('en'),
  /** The regions the driver serves: the partner's (the inviter's membership) unless narrowed. */
  regions: z.array(Region).min(1).max(50).optional(),
});
export const InviteParams = z.strictObject({ inviteId: z.string().min(1).max(64) });
export const InviteView = z.object({
  inviteId: z.string(),
  email: z.string(),
  state: z.enum(['pending', 'accepted']),
  expiresAt: z.string(),
});

nameSchemas({
  FarmApplication: FarmApplicationBody,
  PartnerApplication: PartnerApplicationBody,
  ApplicationDecision: DecisionBody,
  Application: ApplicationView,
  ApplicationPage,
  FarmInvite: FarmInviteBody,
  PartnerInvite: PartnerInviteBody,
  Invite: InviteView,
});
