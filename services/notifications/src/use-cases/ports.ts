import type { Page, PageRequest } from '@ftt/kit';
import type { Channel, Language, Notice, NoticeData, NoticeKind } from '../domain/notice';
import type { Preferences, Profile, ProfileRole } from '../domain/preferences';
import type { FarmFacts, OrderFacts } from '../domain/resolve';

/** What the use cases need from storage and the mail server; data/ and mail/ implement them. */

export interface NoticeStore {
  /** Stores a new notice; a redelivered event's notice is already there ('duplicate'). */
  insert(n: Notice): Promise<'written' | 'duplicate'>;
  get(noticeId: string): Promise<Notice | null>;
  wait(noticeId: string, waitKey: string, retryAt: string): Promise<void>;
  finish(noticeId: string, status: 'done' | 'expired'): Promise<void>;
  /** Waiting notices that a newly learnt fact may unblock. */
  waitingFor(waitKey: string): Promise<Notice[]>;
  /** Waiting notices whose next look is due. */
  dueWaiting(now: Date, limit: number): Promise<Notice[]>;
}

export interface StoredOrderFacts extends OrderFacts {
  status?: string | undefined;
  placedAt?: string | undefined;
  cancelRequested?: boolean | undefined;
  /** Set while the order has not ended: when it counts as stuck. */
  watchUntil?: Date | undefined;
  /** Its shipments no longer open to claim (claimed, or cancelled): a partners' digest leaves them out. */
  shipmentsTaken?: string[] | undefined;
}

/** What the events tell about farms and orders: read models kept by idempotent upserts. */
export interface FactsStore {
  recordFarm(f: FarmFacts): Promise<void>;
  farm(farmId: string): Promise<FarmFacts | null>;
  /** An order was placed (or confirmed): its buyer and, until it ends, when it counts as stuck. */
  orderSeen(orderId: string, buyerId: string, status: string, at: string, watchUntil?: Date): Promise<void>;
  orderEnded(orderId: string, status: string): Promise<void>;
  /** The buyer asked to cancel after confirmation (logistics answers; the buyer hears the answer). */
  cancelRequested(orderId: string): Promise<void>;
  trackingCode(orderId: string, farmId: string, code: string): Promise<void>;
  /** A shipment of the order is no longer open to claim (claimed, on its way, delivered or cancelled). */
  shipmentTaken(orderId: string, shipmentId: string): Promise<void>;
  order(orderId: string): Promise<StoredOrderFacts | null>;
  /** Orders past their watch time (not ended). */
  dueStuck(now: Date, limit: number): Promise<StoredOrderFacts[]>;
  /** Stops watching an order; true for the one caller that stopped it (a claim). */
  unwatch(orderId: string, watchUntil: Date): Promise<boolean>;
}

export interface ProfileStore {
  get(userId: string): Promise<Profile | null>;
  /** The caller's profile, created with defaults on first use; keeps what their memberships make them and their regions. */
  touch(userId: string, roles: ProfileRole[], regions: string[], defaults: Profile): Promise<Profile>;
  update(
    userId: string,
    change: {
      email?: string | undefined;
      language?: Language | undefined;
      preferences?: Preferences | undefined;
    },
  ): Promise<void>;
  partnersIn(region: string): Promise<string[]>;
  /**
   * identity registered the person with their address and language: a new profile starts with them; one made
   * earlier with the placeholder address `defaultEmail` takes the real one. A profile the person edited, or an
   * erased one, is left as it is.
   */
  introduce(userId: string, email: string, language: Language, defaultEmail: string): Promise<void>;
  /** The person deleted their account: the profile becomes a marker without email, roles or preferences. */
  forget(userId: string, at: string): Promise<void>;
  admins(): Promise<string[]>;
}

/** One message for one person on one channel: an email to send, or an entry of the in-app inbox. */
export interface Delivery {
  deliveryId: string;
  /** The event (or digest) the message is about; (eventId, recipient, channel) is unique. */
  eventId: string;
  recipient: string;
  channel: Channel;
  kind: NoticeKind;
  language: Language;
  subject: string;
  /** email: the plain-text and HTML bodies; inapp: `text` is the entry's body. */
  text: string;
  html?: string | undefined;
  link?: string | undefined;
  to?: string | undefined;
  status: 'pending' | 'sent';
  attempts: number;
  nextAttemptAt?: Date | undefined;
  lastError?: string | undefined;
  createdAt: Date;
  sentAt?: Date | undefined;
  readAt?: Date | null | undefined;
}

export interface DeliveryStore {
  /** 'duplicate' when (eventId, recipient, channel) exists: exactly one message per event per person and channel. */
  insert(d: Delivery): Promise<'written' | 'duplicate'>;
  /** Takes one pending email whose attempt is due, leasing it until `leaseUntil` (another sender skips it). */
  claimDue(now: Date, leaseUntil: Date): Promise<Delivery | null>;
  sent(deliveryId: string, at: Date): Promise<void>;
  failed(deliveryId: string, nextAttemptAt: Date, error: string): Promise<void>;
  inbox(recipient: string, o: { unreadOnly: boolean } & PageRequest): Promise<Page<Delivery>>;
  unread(recipient: string): Promise<number>;
  get(deliveryId: string): Promise<Delivery | null>;
  markRead(deliveryId: string, at: Date): Promise<void>;
  markAllRead(recipient: string, at: Date): Promise<number>;
  pendingEmails(): Promise<number>;
  /** Every message to the person (inbox entries and emails with their address): they deleted their account. */
  forgetRecipient(recipient: string): Promise<number>;
}

export interface DigestItem {
  itemId: string;
  recipient: string;
  kind: NoticeKind;
  data: NoticeData;
  batchedAt: Date;
}

/** Notices of digest kinds, held per recipient until their window closes. */
export interface DigestStore {
  add(item: DigestItem): Promise<void>;
  /** Recipients (and kind) with an item batched before `before`: their window is over. */
  due(before: Date, limit: number): Promise<{ recipient: string; kind: NoticeKind }[]>;
  /** Moves every batched item of the recipient and kind into the digest; returns how many it took. */
  claim(recipient: string, kind: NoticeKind, digestId: string, at: Date): Promise<number>;
  /** Digests claimed before `before` and not finished (a crash between claim and delivery). */
  unfinished(
    before: Date,
    limit: number,
  ): Promise<{ digestId: string; recipient: string; kind: NoticeKind }[]>;
  items(digestId: string): Promise<DigestItem[]>;
  /** Every digest item waiting for the person: they deleted their account. */
  forgetRecipient(recipient: string): Promise<number>;
  finish(digestId: string): Promise<void>;
}

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Stable per delivery, so a mail resent after a crash carries the same Message-ID. */
  messageId: string;
}

export interface Mailer {
  /** Resolves once the SMTP server accepted the message; rejects when it cannot be reached or refuses it. */
  send(mail: OutgoingMail): Promise<void>;
}
