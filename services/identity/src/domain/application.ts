import type { EventData } from '@ftt/contracts';

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
