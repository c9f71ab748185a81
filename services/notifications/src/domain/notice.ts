import type { EventData } from '@ftt/contracts';
import { MAIL_LANGUAGES } from '@ftt/kit/mail-intl';

/**
 * What notifications knows: a notice is "something happened that someone must hear about", raised from one
 * consumed event (or a sweep), addressed to an audience that is resolved into people once the ids the events
 * carry can be mapped (order -> buyer, farm -> farmer, region -> partners, operators). Each person then gets
 * one message per channel, in their language, as their preferences allow.
 */

export const BUYER_KINDS = [
  'order_confirmed',
  'order_cancelled',
  'cancel_accepted',
  'cancel_refused',
  'out_for_delivery',
  'delivered',
  'refund_made',
] as const;
export const FARMER_KINDS = ['new_orders', 'payout_made', 'temperature_excursion'] as const;
export const PARTNER_KINDS = ['shipments_open'] as const;
export const OPERATOR_KINDS = ['dead_letters', 'stuck_order'] as const;
/**
 * About the person's own account (identity's people topic): mails that always go (nothing to switch off in the
 * settings), and by email only: the web app shows an application's decision on /apply, and an inbox entry "welcome"
 * would only be noise next to what happened to orders and boxes.
 */
export const ACCOUNT_KINDS = ['welcome', 'application_approved', 'application_rejected'] as const;
export const isAccountKind = (k: NoticeKind): boolean => (ACCOUNT_KINDS as readonly string[]).includes(k);

export const NOTICE_KINDS = [
  ...BUYER_KINDS,
  ...FARMER_KINDS,
  ...PARTNER_KINDS,
  ...OPERATOR_KINDS,
  ...ACCOUNT_KINDS,
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export const CHANNELS = ['email', 'inapp'] as const;
export type Channel = (typeof CHANNELS)[number];

/** The languages identity offers a person (en, nl, zh): each has a catalog in ../i18n. */
export const LANGUAGES = MAIL_LANGUAGES;
export type Language = (typeof LANGUAGES)[number];

/** Kinds gathered per recipient over a window into one digest message rather than one message each. */
export const DIGEST_KINDS: readonly NoticeKind[] = ['new_orders', 'shipments_open', 'dead_letters'];
export const isDigestKind = (k: NoticeKind) => DIGEST_KINDS.includes(k);

/** Who a notice is for, in the ids the events carry. */
export type Audience =
  | { kind: 'buyer_of_order'; orderId: string }
  | { kind: 'farmer_of_farm'; farmId: string }
  | { kind: 'partners_in_region'; region: string }
  | { kind: 'operators' }
  /** One person named by the event itself (identity's events are about the person). */
  | { kind: 'person'; personId: string };

export interface Money {
  amount: number;
  currency: string;
}

export interface OrderLine {
  title: string;
  quantity: number;
  unit: string;
}

/** A message that went to a dead-letter topic, where it lies and what it was. */
export interface DeadLetter {
  topic: string;
  partition: number;
  offset: string;
  type?: string | undefined;
  eventId?: string | undefined;
  group?: string | undefined;
  error?: string | undefined;
}

/** The facts each kind's message shows; filled from the event and, at resolution, from what the service keeps. */
export type NoticeData =
  | {
      kind: 'order_confirmed';
      orderId: string;
      farms: { farmId: string; farmName: string }[];
      deliveryDate?: string | undefined;
      /** farmId -> tracking code, from logistics' shipment.created (added at resolution). */
      trackingCodes?: Record<string, string>;
    }
  | { kind: 'order_cancelled'; orderId: string; reason: string; paid: boolean }
  | { kind: 'cancel_accepted'; orderId: string }
  | { kind: 'cancel_refused'; orderId: string; reason: string }
  | { kind: 'out_for_delivery'; orderId: string; farmId: string; trackingCode?: string | undefined }
  | {
      kind: 'delivered';
      orderId: string;
      farmId: string;
      /** The farm the box came from, when notifications knows it (from catalog's listings). */
      farmName?: string | undefined;
      recipientName: string;
      trackingCode?: string | undefined;
      /** Left at a pickup point: where the buyer collects it, when it is open, and the code to show. */
      collection?: EventData<'ftt.logistics.shipment.delivered.v1'>['collection'];
    }
  | { kind: 'refund_made'; orderId: string; amount: Money }
  | {
      kind: 'new_orders';
      orderId: string;
      farmId: string;
      farmName: string;
      lines: OrderLine[];
      deliveryDate?: string | undefined;
    }
  | { kind: 'payout_made'; orderId: string; farmId: string; amount: Money; gross: Money; platformFee: Money }
  | {
      kind: 'temperature_excursion';
      orderId: string;
      farmId: string;
      shipmentId: string;
      lotCodes: string[];
      temperatureC: number;
      minC: number;
      maxC: number;
      place: string;
    }
  | {
      kind: 'shipments_open';
      shipmentId: string;
      orderId: string;
      farmId: string;
      region: string;
      /** Filled in when the digest is written (from catalog's listings). */
      farmName?: string | undefined;
    }
  | ({ kind: 'dead_letters' } & DeadLetter)
  | { kind: 'stuck_order'; orderId: string; status: string; since: string }
  | { kind: 'welcome'; name?: string | undefined }
  | {
      kind: 'application_approved';
      applicationId: string;
      /** What the applicant asked to become: a farm that sells, or a partner that delivers. */
      as: 'farm' | 'partner';
      /** The farm's or partner's name, as the approval made it. */
      placeName?: string | undefined;
      reason: string;
    }
  | { kind: 'application_rejected'; applicationId: string; as: 'farm' | 'partner'; reason: string };

export type DataOf<K extends NoticeKind> = Extract<NoticeData, { kind: K }>;

/** A notice before it is stored: raised from an event (its id is the event's, suffixed when one event raises several). */
export interface NoticeDraft {
  noticeId: string;
  /** The id of the event (or sweep finding) the notice is about: the idempotency key of its messages. */
  eventId: string;
  audience: Audience;
  data: NoticeData;
  /** When the event happened (CloudEvents time). */
  at: string;
}

export type NoticeStatus = 'waiting' | 'done' | 'expired';

export interface Notice extends NoticeDraft {
  status: NoticeStatus;
  createdAt: string;
  /** When a waiting notice is looked at again (its audience or details were not known yet). */
  retryAt?: string | undefined;
  /** Which facts a waiting notice waits for ('order:<id>' or 'farm:<id>'), so they wake it when they arrive. */
  waitKey?: string | undefined;
}

/** A resolved message for one person, before channels: kind + data + the key that makes it unique. */
export interface Message {
  /** The event (or digest) the message is about; with recipient and channel, the unique key of a delivery. */
  eventId: string;
  recipient: string;
  kind: NoticeKind;
  data: NoticeData[];
}
