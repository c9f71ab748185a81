import type { EventData } from '@ftt/contracts';
import { z } from 'zod';

/**
 * An application to sell on FieldToTable (a farm) or to deliver for it (a logistics partner), submitted by a
 * signed-in person and decided by an operator. identity owns it because what an approval changes is a person's
 * memberships (owner of the new farm, manager of the new partner), and identity alone grants memberships and signs
 * the tokens that carry them; catalog and logistics learn of approved farms and partners from its events.
 */
export interface Certification {
  name: string;
  /** Where the certificate's document is kept (a file reference or URL the operator checks); never the file itself. */
  documentRef: string;
}

export interface FarmProfile {
  name: string;
  region: string;
  description: string;
  certifications: Certification[];
}

export interface PartnerProfile {
  name: string;
  regions: string[];
}

export type ApplicationDetails =
  | { kind: 'farm'; farm: FarmProfile }
  | { kind: 'partner'; partner: PartnerProfile };

export type ApplicationState = 'submitted' | 'approved' | 'rejected';

export interface Decision {
  at: string;
  by: string;
  reason: string;
}

export type Application = ApplicationDetails & {
  applicationId: string;
  personId: string;
  state: ApplicationState;
  submittedAt: string;
  /** The farm or partner id the approval made (chosen at submission, so a retried approval grants the same one). */
  placeId: string;
  decision?: Decision | undefined;
  /** An approved farm or partner an operator suspended (null or absent: it sells or delivers). */
  suspended?: Decision | null | undefined;
  traceparent?: string | undefined;
};

const DecisionState = z.strictObject({ at: z.iso.datetime(), by: z.string().min(1), reason: z.string() });

const ApplicationFields = {
  applicationId: z.string().min(1),
  personId: z.string().min(1),
  state: z.enum(['submitted', 'approved', 'rejected']),
  submittedAt: z.iso.datetime(),
  placeId: z.string().min(1),
  decision: DecisionState.optional(),
  suspended: DecisionState.nullish(),
  traceparent: z.string().optional(),
};

/** What an application document holds (the aggregate's state schema: the decider tests parse every state with it). */
export const ApplicationAggregateState: z.ZodType<Application> = z.discriminatedUnion('kind', [
  z.strictObject({
    ...ApplicationFields,
    kind: z.literal('farm'),
    farm: z.strictObject({
      name: z.string().min(1),
      region: z.string().min(1),
      description: z.string(),
      certifications: z.array(z.strictObject({ name: z.string(), documentRef: z.string() })),
    }),
  }),
  z.strictObject({
    ...ApplicationFields,
    kind: z.literal('partner'),
    partner: z.strictObject({ name: z.string().min(1), regions: z.array(z.string().min(1)) }),
  }),
]);

export type ApplicationEvent =
  | {
      type: 'ftt.identity.application.decided.v1';
      data: {
        applicationId: string;
        personId: string;
        at: string;
        kind: 'farm' | 'partner';
        decision: 'approved' | 'rejected';
        reason: string;
        decidedBy: string;
        farm?: { farmId: string; name: string; region: string };
        partner?: { partnerId: string; name: string; regions: string[] };
      };
    }
  | {
      type: 'ftt.identity.place.suspension_changed.v1';
      data: EventData<'ftt.identity.place.suspension_changed.v1'>;
    };

/** The membership an approved application grants its applicant. */
export const grantedMembership = (a: Application) =>
  a.kind === 'farm'
    ? ({ kind: 'farm', farmId: a.placeId, role: 'owner' } as const)
    : ({ kind: 'partner', partnerId: a.placeId, role: 'manager', regions: a.partner.regions } as const);
