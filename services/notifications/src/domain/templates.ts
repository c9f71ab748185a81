import { groupByDeliveryDay, openByFarm } from './digest';
import type { DataOf, Language, Money, NoticeData, NoticeKind } from './notice';

/**
 * One template per kind: it builds a small document (subject, paragraphs, sections of lines, a link) in the
 * recipient's language, and the same document is written out as plain text, as HTML and as the in-app entry.
 * Pure: no clock, no lookups; everything shown comes from the message's data.
 */
export interface MessageDoc {
  subject: string;
  paragraphs: string[];
  sections: { heading: string; lines: string[] }[];
  link?: { label: string; path: string };
}

export interface Rendered {
  subject: string;
  text: string;
  html: string;
  /** The in-app inbox entry: a title and a short body. */
  title: string;
  body: string;
  /** Path in the web app the message points to. */
  link?: string | undefined;
}

const locale = (lang: Language) => (lang === 'nl' ? 'nl-NL' : 'en-GB');

export const formatMoney = (m: Money, lang: Language) =>
  new Intl.NumberFormat(locale(lang), { style: 'currency', currency: m.currency }).format(m.amount / 100);

export const formatDay = (isoDate: string, lang: Language) =>
  new Intl.DateTimeFormat(locale(lang), {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${isoDate}T00:00:00Z`));

const shortId = (id: string) => id.slice(0, 8);

type Words = {
  notScheduled: string;
  deliveryDay: (day: string | null) => string;
  tracking: (codes: string[]) => string;
  orderConfirmed: (id: string) => string;
  orderConfirmedBody: (farms: string) => string;
  orderCancelled: (id: string) => string;
  orderCancelledBody: (reason: string, paid: boolean) => string;
  cancelAccepted: (id: string) => string;
  cancelAcceptedBody: string;
  cancelRefused: (id: string) => string;
  cancelRefusedBody: (reason: string) => string;
  outForDelivery: (id: string) => string;
  outForDeliveryBody: string;
  /** With the farm's name when known: one order's boxes from two farms arrive as two messages that must differ. */
  delivered: (id: string, farm?: string) => string;
  deliveredBody: (who: string, farm?: string) => string;
  readyForCollection: (id: string) => string;
  /** place: "name, street, city"; the buyer collects with the code, within the opening hours. */
  readyForCollectionBody: (place: string, opens: string, closes: string, code: string) => string;
  refund: (id: string) => string;
  refundBody: (amount: string) => string;
  newOrders: (n: number) => string;
  newOrdersBody: string;
  orderLine: (id: string, farm: string, lines: string) => string;
  payout: (amount: string) => string;
  payoutBody: (id: string, gross: string, fee: string, amount: string) => string;
  excursion: (lots: string) => string;
  excursionBody: (t: number, min: number, max: number, place: string, lots: string) => string;
  shipmentsOpen: (n: number) => string;
  shipmentsOpenBody: string;
  /** Open boxes of one farm (its name when known) in a region. */
  shipmentLine: (region: string, count: number, farm?: string) => string;
  deadLetters: (n: number) => string;
  deadLettersBody: string;
  stuck: (id: string) => string;
  stuckBody: (status: string, since: string) => string;
  welcome: string;
  welcomeGreeting: (name?: string) => string;
  welcomeBody: string;
  browse: string;
  /** as: a farm that sells or a partner that delivers; name: the farm's or partner's, when known. */
  approved: (as: 'farm' | 'partner', name?: string) => string;
  approvedBody: (as: 'farm' | 'partner', reason: string) => string;
  rejected: (as: 'farm' | 'partner') => string;
  rejectedBody: (reason: string) => string;
  startSelling: string;
  startDelivering: string;
  applyAgain: string;
  viewOrder: string;
  viewInbox: string;
  settings: string;
  footer: string;
};

const en: Words = {
  notScheduled: 'not scheduled yet',
  deliveryDay: (day) => `Delivery day: ${day ?? 'not scheduled yet'}`,
  tracking: (codes) =>
    `Tracking code${codes.length === 1 ? '' : 's'}: ${codes.length ? codes.join(', ') : 'follows as soon as your parcel is registered'}`,
  orderConfirmed: (id) => `Your order ${id} is confirmed`,
  orderConfirmedBody: (farms) => `Thank you! We received your payment and passed your order on to ${farms}.`,
  orderCancelled: (id) => `Your order ${id} was cancelled`,
  orderCancelledBody: (reason, paid) =>
    `Your order was cancelled (${reason}).${paid ? ' Your payment will be refunded.' : ''}`,
  cancelAccepted: (id) => `Your order ${id} is cancelled`,
  cancelAcceptedBody:
    'We accepted your cancellation: nothing had left the farm yet. If you paid, the refund follows in a separate message.',
  cancelRefused: (id) => `Your order ${id} could not be cancelled`,
  cancelRefusedBody: (reason) => `Your order is already on its way (${reason}), so it keeps going.`,
  outForDelivery: (id) => `Your order ${id} is out for delivery`,
  outForDeliveryBody: 'Your parcel is on its last leg and arrives today.',
  delivered: (id, farm) =>
    farm ? `Your box from ${farm} (order ${id}) was delivered` : `Your order ${id} was delivered`,
  deliveredBody: (who, farm) =>
    `Your ${farm ? `box from ${farm}` : 'parcel'} was delivered and received by ${who}. Enjoy!`,
  readyForCollection: (id) => `Your order ${id} is ready for collection`,
  readyForCollectionBody: (place, opens, closes, code) =>
    `Your box is waiting for you at ${place}, open ${opens}–${closes}. Show collection code ${code} when you collect it.`,
  refund: (id) => `Refund for order ${id}`,
  refundBody: (amount) => `We refunded ${amount} to your payment method.`,
  newOrders: (n) => `${n} new order${n === 1 ? '' : 's'} to pack`,
  newOrdersBody: 'These orders were paid and are waiting to be packed:',
  orderLine: (id, farm, lines) => `Order ${id} (${farm}): ${lines}`,
  payout: (amount) => `You were paid ${amount}`,
  payoutBody: (id, gross, fee, amount) =>
    `For order ${id}: ${gross} sold, ${fee} platform fee, ${amount} transferred to your account.`,
  excursion: (lots) => `Temperature alert on lot ${lots}`,
  excursionBody: (t, min, max, place, lots) =>
    `A checkpoint at ${place} measured ${t} °C, outside the range ${min}–${max} °C of lot ${lots}.`,
  shipmentsOpen: (n) => `${n} new shipment${n === 1 ? '' : 's'} open near you`,
  shipmentsOpenBody: 'These shipments are open to claim:',
  shipmentLine: (region, n, farm) =>
    `${n} ${n === 1 ? 'box' : 'boxes'} ${farm ? `from ${farm}` : 'from a farm'}, ${region}`,
  deadLetters: (n) => `${n} dead letter${n === 1 ? '' : 's'}`,
  deadLettersBody: 'Messages that could not be processed went to a dead-letter topic:',
  stuck: (id) => `Order ${id} looks stuck`,
  stuckBody: (status, since) => `The order has been ${status} since ${since} without reaching an end state.`,
  welcome: 'Welcome to FieldToTable',
  welcomeGreeting: (name) => (name ? `Hello ${name},` : 'Hello,'),
  welcomeBody:
    'Your account is ready. Confirm your email address with the link we sent you, then order produce straight from the farms near you.',
  browse: 'Browse produce',
  approved: (as, name) =>
    as === 'farm'
      ? `Your farm${name ? ` ${name}` : ''} may sell on FieldToTable`
      : `${name ?? 'Your delivery service'} may deliver for FieldToTable`,
  approvedBody: (as, reason) =>
    as === 'farm'
      ? `An operator approved your application (${reason}). Connect your payout account, then publish your first listings.`
      : `An operator approved your application (${reason}). You can claim open shipments in your regions now.`,
  rejected: (as) =>
    as === 'farm'
      ? 'Your application to sell on FieldToTable was not approved'
      : 'Your application to deliver for FieldToTable was not approved',
  rejectedBody: (reason) => `An operator did not approve your application. The reason: ${reason}`,
  startSelling: 'Open your farm',
  startDelivering: 'Open your deliveries',
  applyAgain: 'Apply again',
  viewOrder: 'View your order',
  viewInbox: 'Open your inbox',
  settings: 'Choose what you receive in your notification settings.',
  footer: 'FieldToTable — from the field to your table.',
};

/** Dutch says the same of an order cancelled and of a cancellation accepted. */
const nlCancelled = (id: string) => `Je bestelling ${id} is geannuleerd`;

const nl: Words = {
  notScheduled: 'nog niet ingepland',
  deliveryDay: (day) => `Bezorgdag: ${day ?? 'nog niet ingepland'}`,
  tracking: (codes) =>
    `Trackingcode${codes.length === 1 ? '' : 's'}: ${codes.length ? codes.join(', ') : 'volgt zodra je pakket is aangemeld'}`,
  orderConfirmed: (id) => `Je bestelling ${id} is bevestigd`,
  orderConfirmedBody: (farms) =>
    `Dank je wel! We hebben je betaling ontvangen en je bestelling doorgegeven aan ${farms}.`,
  orderCancelled: nlCancelled,
  orderCancelledBody: (reason, paid) =>
    `Je bestelling is geannuleerd (${reason}).${paid ? ' Je betaling wordt terugbetaald.' : ''}`,
  cancelAccepted: nlCancelled,
  cancelAcceptedBody:
    'We hebben je annulering geaccepteerd: er was nog niets van de boerderij vertrokken. Heb je betaald, dan volgt de terugbetaling in een apart bericht.',
  cancelRefused: (id) => `Je bestelling ${id} kon niet worden geannuleerd`,
  cancelRefusedBody: (reason) => `Je bestelling is al onderweg (${reason}) en wordt gewoon bezorgd.`,
  outForDelivery: (id) => `Je bestelling ${id} is onderweg`,
  outForDeliveryBody: 'Je pakket is aan de laatste etappe begonnen en komt vandaag aan.',
  delivered: (id, farm) =>
    farm ? `Je doos van ${farm} (bestelling ${id}) is bezorgd` : `Je bestelling ${id} is bezorgd`,
  deliveredBody: (who, farm) =>
    `Je ${farm ? `doos van ${farm}` : 'pakket'} is bezorgd en in ontvangst genomen door ${who}. Eet smakelijk!`,
  readyForCollection: (id) => `Je bestelling ${id} ligt klaar om op te halen`,
  readyForCollectionBody: (place, opens, closes, code) =>
    `Je doos ligt voor je klaar bij ${place}, open ${opens}–${closes}. Laat bij het ophalen de code ${code} zien.`,
  refund: (id) => `Terugbetaling voor bestelling ${id}`,
  refundBody: (amount) => `We hebben ${amount} teruggestort op je betaalmiddel.`,
  newOrders: (n) => `${n} nieuwe bestelling${n === 1 ? '' : 'en'} om in te pakken`,
  newOrdersBody: 'Deze bestellingen zijn betaald en wachten om ingepakt te worden:',
  orderLine: (id, farm, lines) => `Bestelling ${id} (${farm}): ${lines}`,
  payout: (amount) => `Je hebt ${amount} ontvangen`,
  payoutBody: (id, gross, fee, amount) =>
    `Voor bestelling ${id}: ${gross} verkocht, ${fee} platformkosten, ${amount} overgemaakt naar je rekening.`,
  excursion: (lots) => `Temperatuurwaarschuwing voor partij ${lots}`,
  excursionBody: (t, min, max, place, lots) =>
    `Bij een controlepunt in ${place} is ${t} °C gemeten, buiten het bereik ${min}–${max} °C van partij ${lots}.`,
  shipmentsOpen: (n) => `${n} nieuwe zending${n === 1 ? '' : 'en'} open bij jou in de buurt`,
  shipmentsOpenBody: 'Deze zendingen kun je claimen:',
  shipmentLine: (region, n, farm) =>
    `${n} ${n === 1 ? 'doos' : 'dozen'} ${farm ? `van ${farm}` : 'van een boerderij'}, ${region}`,
  deadLetters: (n) => `${n} onverwerkbare bericht${n === 1 ? '' : 'en'} (dead letters)`,
  deadLettersBody: 'Berichten die niet verwerkt konden worden staan in een dead-letter topic:',
  stuck: (id) => `Bestelling ${id} lijkt vast te zitten`,
  stuckBody: (status, since) => `De bestelling staat sinds ${since} op ${status} zonder af te ronden.`,
  welcome: 'Welkom bij FieldToTable',
  welcomeGreeting: (name) => (name ? `Hallo ${name},` : 'Hallo,'),
  welcomeBody:
    'Je account staat klaar. Bevestig je e-mailadres met de link die we je stuurden en bestel daarna producten rechtstreeks van boerderijen bij jou in de buurt.',
  browse: 'Bekijk het aanbod',
  approved: (as, name) =>
    as === 'farm'
      ? `Je boerderij${name ? ` ${name}` : ''} mag verkopen op FieldToTable`
      : `${name ?? 'Je bezorgdienst'} mag bezorgen voor FieldToTable`,
  approvedBody: (as, reason) =>
    as === 'farm'
      ? `Een beheerder heeft je aanvraag goedgekeurd (${reason}). Koppel je uitbetalingsrekening en zet daarna je eerste aanbod online.`
      : `Een beheerder heeft je aanvraag goedgekeurd (${reason}). Je kunt nu open zendingen in je regio's claimen.`,
  rejected: (as) =>
    as === 'farm'
      ? 'Je aanvraag om te verkopen op FieldToTable is niet goedgekeurd'
      : 'Je aanvraag om te bezorgen voor FieldToTable is niet goedgekeurd',
  rejectedBody: (reason) => `Een beheerder heeft je aanvraag niet goedgekeurd. De reden: ${reason}`,
  startSelling: 'Open je boerderij',
  startDelivering: 'Open je bezorgingen',
  applyAgain: 'Opnieuw aanvragen',
  viewOrder: 'Bekijk je bestelling',
  viewInbox: 'Open je berichten',
  settings: 'Kies wat je ontvangt bij je meldingsinstellingen.',
  footer: 'FieldToTable — van het veld naar je tafel.',
};

const WORDS: Record<Language, Words> = { en, nl };

const listJoin = (items: string[], lang: Language) =>
  new Intl.ListFormat(locale(lang), { style: 'long', type: 'conjunction' }).format(items);

const only = <K extends NoticeKind>(items: NoticeData[], kind: K) =>
  items.filter((d): d is DataOf<K> => d.kind === kind);

/** A message with no sections: most kinds speak of one thing. */
const message = (
  subject: string,
  paragraphs: string[],
  link: { label: string; path: string },
): MessageDoc => ({
  subject,
  paragraphs,
  sections: [],
  link,
});

/** The one template of each kind: `items` holds one entry, or several for a digest. */
export const compose = (kind: NoticeKind, items: NoticeData[], lang: Language): MessageDoc => {
  const w = WORDS[lang];
  const day = (d: string | undefined | null) => (d ? formatDay(d, lang) : null);
  const toOrder = (orderId: string) => ({ label: w.viewOrder, path: `/orders/${orderId}` });
  switch (kind) {
    case 'order_confirmed': {
      const d = only(items, 'order_confirmed')[0]!;
      const codes = Object.values(d.trackingCodes ?? {});
      return message(
        w.orderConfirmed(shortId(d.orderId)),
        [
          w.orderConfirmedBody(
            listJoin(
              d.farms.map((f) => f.farmName),
              lang,
            ),
          ),
          w.deliveryDay(day(d.deliveryDate)),
          w.tracking(codes),
        ],
        toOrder(d.orderId),
      );
    }
    case 'order_cancelled': {
      const d = only(items, 'order_cancelled')[0]!;
      return message(
        w.orderCancelled(shortId(d.orderId)),
        [w.orderCancelledBody(d.reason, d.paid)],
        toOrder(d.orderId),
      );
    }
    case 'cancel_accepted': {
      const d = only(items, 'cancel_accepted')[0]!;
      return message(w.cancelAccepted(shortId(d.orderId)), [w.cancelAcceptedBody], toOrder(d.orderId));
    }
    case 'cancel_refused': {
      const d = only(items, 'cancel_refused')[0]!;
      return message(
        w.cancelRefused(shortId(d.orderId)),
        [w.cancelRefusedBody(d.reason)],
        toOrder(d.orderId),
      );
    }
    case 'out_for_delivery': {
      const d = only(items, 'out_for_delivery')[0]!;
      return message(
        w.outForDelivery(shortId(d.orderId)),
        [w.outForDeliveryBody, ...(d.trackingCode ? [w.tracking([d.trackingCode])] : [])],
        d.trackingCode
          ? { label: d.trackingCode, path: `/track?code=${d.trackingCode}` }
          : toOrder(d.orderId),
      );
    }
    case 'delivered': {
      const d = only(items, 'delivered')[0]!;
      // at a pickup point the name is the point's keeper's: the buyer needs where, when and the code instead
      const c = d.collection;
      if (c) {
        const place = `${c.name}, ${c.address.line1}, ${c.address.city}`;
        return message(
          w.readyForCollection(shortId(d.orderId)),
          [w.readyForCollectionBody(place, c.opens, c.closes, c.code)],
          toOrder(d.orderId),
        );
      }
      return message(
        w.delivered(shortId(d.orderId), d.farmName),
        [w.deliveredBody(d.recipientName, d.farmName)],
        toOrder(d.orderId),
      );
    }
    case 'refund_made': {
      const d = only(items, 'refund_made')[0]!;
      return message(
        w.refund(shortId(d.orderId)),
        [w.refundBody(formatMoney(d.amount, lang))],
        toOrder(d.orderId),
      );
    }
    case 'new_orders': {
      const orders = only(items, 'new_orders');
      return {
        subject: w.newOrders(orders.length),
        paragraphs: [w.newOrdersBody],
        sections: groupByDeliveryDay(orders).map((g) => ({
          heading: w.deliveryDay(day(g.day)),
          lines: g.items.map((o) =>
            w.orderLine(
              shortId(o.orderId),
              o.farmName,
              o.lines.map((l) => `${l.quantity} ${l.unit} ${l.title}`).join(', '),
            ),
          ),
        })),
        link: { label: w.viewInbox, path: '/farmer/orders' },
      };
    }
    case 'payout_made': {
      const d = only(items, 'payout_made')[0]!;
      const money = (m: Money) => formatMoney(m, lang);
      const body = w.payoutBody(shortId(d.orderId), money(d.gross), money(d.platformFee), money(d.amount));
      return message(w.payout(money(d.amount)), [body], { label: w.viewInbox, path: '/farmer/payouts' });
    }
    case 'temperature_excursion': {
      const d = only(items, 'temperature_excursion')[0]!;
      const lots = d.lotCodes.join(', ');
      return message(w.excursion(lots), [w.excursionBody(d.temperatureC, d.minC, d.maxC, d.place, lots)], {
        label: w.viewInbox,
        path: '/farmer',
      });
    }
    case 'shipments_open': {
      const list = only(items, 'shipments_open');
      return {
        subject: w.shipmentsOpen(list.length),
        paragraphs: [w.shipmentsOpenBody],
        sections: [
          { heading: '', lines: openByFarm(list).map((g) => w.shipmentLine(g.region, g.count, g.farmName)) },
        ],
        link: { label: w.viewInbox, path: '/partner' },
      };
    }
    case 'dead_letters': {
      const list = only(items, 'dead_letters');
      return {
        subject: w.deadLetters(list.length),
        paragraphs: [w.deadLettersBody],
        sections: [
          {
            heading: '',
            lines: list.map((d) =>
              `${d.topic}[${d.partition}]@${d.offset} ${d.type ?? '?'} ${d.group ? `(${d.group})` : ''}: ${d.error ?? ''}`.trim(),
            ),
          },
        ],
        link: { label: w.viewInbox, path: '/inbox' },
      };
    }
    case 'stuck_order': {
      const d = only(items, 'stuck_order')[0]!;
      return message(w.stuck(shortId(d.orderId)), [w.stuckBody(d.status, d.since)], {
        label: w.viewInbox,
        path: '/inbox',
      });
    }
    case 'welcome': {
      const d = only(items, 'welcome')[0]!;
      return message(w.welcome, [w.welcomeGreeting(d.name), w.welcomeBody], { label: w.browse, path: '/' });
    }
    case 'application_approved': {
      const d = only(items, 'application_approved')[0]!;
      const link =
        d.as === 'farm'
          ? { label: w.startSelling, path: '/farmer' }
          : { label: w.startDelivering, path: '/partner' };
      return message(w.approved(d.as, d.placeName), [w.approvedBody(d.as, d.reason)], link);
    }
    case 'application_rejected': {
      const d = only(items, 'application_rejected')[0]!;
      return message(w.rejected(d.as), [w.rejectedBody(d.reason)], { label: w.applyAgain, path: '/apply' });
    }
  }
};

const escapeHtml = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

/** The document as plain text, HTML and an in-app entry. `appUrl` makes the link absolute in mails. */
export const render = (kind: NoticeKind, items: NoticeData[], lang: Language, appUrl: string): Rendered => {
  const doc = compose(kind, items, lang);
  const w = WORDS[lang];
  const url = doc.link ? `${appUrl.replace(/\/$/, '')}${doc.link.path}` : undefined;
  const textParts = [
    ...doc.paragraphs,
    ...doc.sections.map((s) => [s.heading, ...s.lines.map((l) => `- ${l}`)].filter(Boolean).join('\n')),
    ...(doc.link && url ? [`${doc.link.label}: ${url}`] : []),
    `--\n${w.settings}\n${w.footer}`,
  ];
  const html = [
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(doc.subject)}</title></head>`,
    '<body style="font-family:sans-serif;color:#1f2a1f;max-width:40em">',
    `<h1 style="font-size:1.3em;color:#1f5130">${escapeHtml(doc.subject)}</h1>`,
    ...doc.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    ...doc.sections.map(
      (s) =>
        `${s.heading ? `<h2 style="font-size:1.1em">${escapeHtml(s.heading)}</h2>` : ''}<ul>${s.lines
          .map((l) => `<li>${escapeHtml(l)}</li>`)
          .join('')}</ul>`,
    ),
    ...(doc.link && url ? [`<p><a href="${escapeHtml(url)}">${escapeHtml(doc.link.label)}</a></p>`] : []),
    `<hr><p style="font-size:.85em;color:#555">${escapeHtml(w.settings)}<br>${escapeHtml(w.footer)}</p>`,
    '</body></html>',
  ].join('\n');
  const body = [
    ...doc.paragraphs,
    ...doc.sections.flatMap((s) => [s.heading, ...s.lines].filter(Boolean)),
  ].join('\n');
  return {
    subject: doc.subject,
    text: textParts.join('\n\n'),
    html,
    title: doc.subject,
    body,
    link: doc.link?.path,
  };
};
