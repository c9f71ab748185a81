import { wordsFor } from '../i18n/messages';
import { groupByDeliveryDay, openByFarm } from './digest';
import type { DataOf, Language, Money, NoticeData, NoticeKind } from './notice';

/**
 * One template per kind: it builds a small document (subject, paragraphs, sections of lines, a link) in the
 * recipient's language, and the same document is written out as plain text, as HTML and as the in-app entry.
 * The words are the ICU MessageFormat catalogs' in ../i18n (en, nl, zh-CN); money, days and lists are formatted
 * for the language by @formatjs/intl. Pure: no clock, no lookups; everything shown comes from the message's data.
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

/** The money of a message in the person's language, in the currency it carries (minor units). */
export const formatMoney = (m: Money, lang: Language) => wordsFor(lang).money(m);

/** A calendar day (YYYY-MM-DD) in the person's language, with its weekday. */
export const formatDay = (isoDate: string, lang: Language) => wordsFor(lang).day(isoDate);

const shortId = (id: string) => id.slice(0, 8);

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
  const w = wordsFor(lang);
  const { t } = w;
  const deliveryDay = (d: string | undefined | null) =>
    d ? t('deliveryDay', { day: w.day(d) }) : t('deliveryDay.none');
  const tracking = (codes: string[]) =>
    codes.length ? t('tracking', { count: codes.length, codes: codes.join(', ') }) : t('tracking.none');
  const toOrder = (orderId: string) => ({ label: t('link.viewOrder'), path: `/orders/${orderId}` });
  const toInbox = (path: string) => ({ label: t('link.viewInbox'), path });
  switch (kind) {
    case 'order_confirmed': {
      const d = only(items, 'order_confirmed')[0]!;
      const farms = w.list(d.farms.map((f) => f.farmName));
      return message(
        t('orderConfirmed.subject', { id: shortId(d.orderId) }),
        [
          t('orderConfirmed.body', { farms }),
          deliveryDay(d.deliveryDate),
          tracking(Object.values(d.trackingCodes ?? {})),
        ],
        toOrder(d.orderId),
      );
    }
    case 'order_cancelled': {
      const d = only(items, 'order_cancelled')[0]!;
      return message(
        t('orderCancelled.subject', { id: shortId(d.orderId) }),
        [t('orderCancelled.body', { reason: d.reason, paid: d.paid ? 'yes' : 'no' })],
        toOrder(d.orderId),
      );
    }
    case 'cancel_accepted': {
      const d = only(items, 'cancel_accepted')[0]!;
      return message(
        t('cancelAccepted.subject', { id: shortId(d.orderId) }),
        [t('cancelAccepted.body')],
        toOrder(d.orderId),
      );
    }
    case 'cancel_refused': {
      const d = only(items, 'cancel_refused')[0]!;
      return message(
        t('cancelRefused.subject', { id: shortId(d.orderId) }),
        [t('cancelRefused.body', { reason: d.reason })],
        toOrder(d.orderId),
      );
    }
    case 'out_for_delivery': {
      const d = only(items, 'out_for_delivery')[0]!;
      return message(
        t('outForDelivery.subject', { id: shortId(d.orderId) }),
        [t('outForDelivery.body'), ...(d.trackingCode ? [tracking([d.trackingCode])] : [])],
        d.trackingCode
          ? { label: d.trackingCode, path: `/track?code=${d.trackingCode}` }
          : toOrder(d.orderId),
      );
    }
    case 'delivered': {
      const d = only(items, 'delivered')[0]!;
      const id = shortId(d.orderId);
      // at a pickup point the name is the point's keeper's: the buyer needs where, when and the code instead
      const c = d.collection;
      if (c) {
        const place = `${c.name}, ${c.address.line1}, ${c.address.city}`;
        return message(
          t('collection.subject', { id }),
          [t('collection.body', { place, opens: c.opens, closes: c.closes, code: c.code })],
          toOrder(d.orderId),
        );
      }
      // with the farm's name when known: one order's boxes from two farms arrive as two messages that must differ
      const farm = d.farmName;
      return message(
        farm ? t('delivered.subjectFromFarm', { id, farm }) : t('delivered.subject', { id }),
        [
          farm
            ? t('delivered.bodyFromFarm', { farm, who: d.recipientName })
            : t('delivered.body', { who: d.recipientName }),
        ],
        toOrder(d.orderId),
      );
    }
    case 'refund_made': {
      const d = only(items, 'refund_made')[0]!;
      return message(
        t('refund.subject', { id: shortId(d.orderId) }),
        [t('refund.body', { amount: w.money(d.amount) })],
        toOrder(d.orderId),
      );
    }
    case 'new_orders': {
      const orders = only(items, 'new_orders');
      return {
        subject: t('newOrders.subject', { count: orders.length }),
        paragraphs: [t('newOrders.body')],
        sections: groupByDeliveryDay(orders).map((g) => ({
          heading: deliveryDay(g.day),
          lines: g.items.map((o) =>
            t('orderLine', {
              id: shortId(o.orderId),
              farm: o.farmName,
              lines: o.lines.map((l) => `${l.quantity} ${l.unit} ${l.title}`).join(', '),
            }),
          ),
        })),
        link: toInbox('/farmer/orders'),
      };
    }
    case 'payout_made': {
      const d = only(items, 'payout_made')[0]!;
      const amount = w.money(d.amount);
      const body = t('payout.body', {
        id: shortId(d.orderId),
        gross: w.money(d.gross),
        fee: w.money(d.platformFee),
        amount,
      });
      return message(t('payout.subject', { amount }), [body], toInbox('/farmer/payouts'));
    }
    case 'temperature_excursion': {
      const d = only(items, 'temperature_excursion')[0]!;
      const lots = { count: d.lotCodes.length, lots: d.lotCodes.join(', ') };
      const body = t('excursion.body', {
        ...lots,
        t: d.temperatureC,
        min: d.minC,
        max: d.maxC,
        place: d.place,
      });
      return message(t('excursion.subject', lots), [body], toInbox('/farmer'));
    }
    case 'shipments_open': {
      const list = only(items, 'shipments_open');
      const line = (g: ReturnType<typeof openByFarm>[number]) =>
        g.farmName
          ? t('shipmentLine', { count: g.count, farm: g.farmName, region: g.region })
          : t('shipmentLine.anyFarm', { count: g.count, region: g.region });
      return {
        subject: t('shipmentsOpen.subject', { count: list.length }),
        paragraphs: [t('shipmentsOpen.body')],
        sections: [{ heading: '', lines: openByFarm(list).map(line) }],
        link: toInbox('/partner'),
      };
    }
    case 'dead_letters': {
      const list = only(items, 'dead_letters');
      return {
        subject: t('deadLetters.subject', { count: list.length }),
        paragraphs: [t('deadLetters.body')],
        sections: [
          {
            heading: '',
            lines: list.map((d) =>
              `${d.topic}[${d.partition}]@${d.offset} ${d.type ?? '?'} ${d.group ? `(${d.group})` : ''}: ${d.error ?? ''}`.trim(),
            ),
          },
        ],
        link: toInbox('/inbox'),
      };
    }
    case 'stuck_order': {
      const d = only(items, 'stuck_order')[0]!;
      return message(
        t('stuck.subject', { id: shortId(d.orderId) }),
        [t('stuck.body', { status: d.status, since: d.since })],
        toInbox('/inbox'),
      );
    }
    case 'welcome': {
      const d = only(items, 'welcome')[0]!;
      const greeting = d.name ? t('welcome.greeting', { name: d.name }) : t('welcome.greetingNoName');
      return message(t('welcome.subject'), [greeting, t('welcome.body')], {
        label: t('link.browse'),
        path: '/',
      });
    }
    case 'application_approved': {
      const d = only(items, 'application_approved')[0]!;
      const name = d.placeName;
      if (d.as === 'farm')
        return message(
          name ? t('approved.farm', { name }) : t('approved.farmNoName'),
          [t('approvedBody.farm', { reason: d.reason })],
          { label: t('link.startSelling'), path: '/farmer' },
        );
      return message(
        name ? t('approved.partner', { name }) : t('approved.partnerNoName'),
        [t('approvedBody.partner', { reason: d.reason })],
        { label: t('link.startDelivering'), path: '/partner' },
      );
    }
    case 'application_rejected': {
      const d = only(items, 'application_rejected')[0]!;
      return message(
        t(d.as === 'farm' ? 'rejected.farm' : 'rejected.partner'),
        [t('rejected.body', { reason: d.reason })],
        { label: t('link.applyAgain'), path: '/apply' },
      );
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
  const { t, locale } = wordsFor(lang);
  const footer = [t('footer.settings'), t('footer.tagline')];
  // Chinese is tagged with its region (zh-CN, Simplified script) so mail clients pick the right glyphs
  const url = doc.link ? `${appUrl.replace(/\/$/, '')}${doc.link.path}` : undefined;
  const textParts = [
    ...doc.paragraphs,
    ...doc.sections.map((s) => [s.heading, ...s.lines.map((l) => `- ${l}`)].filter(Boolean).join('\n')),
    ...(doc.link && url ? [`${doc.link.label}: ${url}`] : []),
    `--\n${footer.join('\n')}`,
  ];
  const html = [
    `<!doctype html><html lang="${lang === 'zh' ? locale : lang}"><head><meta charset="utf-8"><title>${escapeHtml(doc.subject)}</title></head>`,
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
    `<hr><p style="font-size:.85em;color:#555">${footer.map(escapeHtml).join('<br>')}</p>`,
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
