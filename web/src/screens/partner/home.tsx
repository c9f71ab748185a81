import { useState } from 'react';
import { logistics } from '../../api/logistics';
import type { OpenShipment, ShipmentStatus } from '../../api/types';
import { useSession } from '../../auth/session';
import { StatusBadge } from '../../components/bits';
import { Field } from '../../components/field';
import { Page } from '../../components/page';
import { Async, Empty, ErrorMessage } from '../../components/states';
import { formatDateTime, formatDay, quantityText } from '../../lib/format';
import { Link, navigate } from '../../lib/router';
import { useAsync } from '../../lib/use-async';
import { usePaged } from '../../lib/use-paged';
import { ShowMore } from '../../components/show-more';
import { onboarding } from '../../api/onboarding';
import { InviteForm } from '../onboarding/invite-form';
import { ScanLabelLink } from './scan-link';
import { BusyButton } from '../../components/form';
import { intl, t } from '../../i18n';

const ACTIVE: ShipmentStatus[] = ['assigned', 'picked_up', 'out_for_delivery', 'delivery_failed'];

/** What the partner delivered (or took back to the farm), newest first, ten at a time. */
const History = () => {
  const { state, more, busy, error } = usePaged('history', (cursor) => logistics.history(cursor), (s) => s.shipmentId);
  return (
    <section aria-labelledby="history-h" className="stack">
      <h2 id="history-h">{t('partner.history')}</h2>
      <Async state={state} what={t('partner.loadingHistory')}>
        {({ all: items, next }) => {
          if (items.length === 0)
            return <p className="muted">{t('partner.noHistory')}</p>;
          return (
            <>
              <ul className="plain stack" aria-label={t('partner.historyAria')}>
                {items.map((s) => (
                  <li key={s.shipmentId} className="card spread">
                    <span>
                      <Link to={`/partner/shipments/${s.shipmentId}`}>
                        {s.farmName} → {s.dropoff.address.city}
                      </Link>
                      <span className="muted small block">
                        {s.deliveredAt
                          ? t('partner.deliveredAt', { time: formatDateTime(s.deliveredAt) })
                          : s.returned
                            ? t('partner.returnedAt', { time: formatDateTime(s.returned.at) })
                            : ''}
                      </span>
                    </span>
                    <StatusBadge status={s.status} />
                  </li>
                ))}
              </ul>
              <ShowMore next={next} busy={busy} error={error} onMore={() => void more()} label={t('partner.older')} />
            </>
          );
        }}
      </Async>
    </section>
  );
};

const OpenCard = ({ s }: { s: OpenShipment }) => {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const claim = async () => {
    setBusy(true);
    setError(null);
    try {
      await logistics.claim(s.shipmentId);
      navigate(`/partner/shipments/${s.shipmentId}`);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return (
    <li className="card shipment-card">
      <h3>
        {s.farmName} → {s.dropoff.city}
      </h3>
      <p className="small">
        {t('partner.pickUp', { line1: s.pickup.address.line1, city: s.pickup.address.city })}
        <br />
        {t('partner.deliverTo', { postalCode: s.dropoff.postalCode, city: s.dropoff.city })}
        <br />
        {t('partner.keepAt', { min: s.coldChain.minC, max: s.coldChain.maxC })} ·{' '}
        {intl().formatList(
          s.lines.map((l) => t('line.text', { quantity: quantityText(l.quantity, l.unit), title: l.title })),
          { type: 'unit' },
        )}
      </p>
      <p className="muted small">{t('partner.readySince', { time: formatDateTime(s.createdAt) })}</p>
      {error ? <ErrorMessage error={error} /> : null}
      <BusyButton
        busy={busy}
        className="button block"
        onClick={() => void claim()}
        aria-label={t('partner.claimAria', { farm: s.farmName, city: s.dropoff.city })}
      >
        {t('partner.claim')}
      </BusyButton>
    </li>
  );
};

/**
 * Boxes with a delivery day go on that day's run (planned and claimed under Runs), so they are counted per day here
 * rather than offered one by one; the rest are the courier boxes a partner claims singly.
 */
const OpenLists = ({ list }: { list: OpenShipment[] }) => {
  const single = list.filter((s) => !s.deliveryDate);
  const byDay = new Map<string, number>();
  for (const s of list) if (s.deliveryDate) byDay.set(s.deliveryDate, (byDay.get(s.deliveryDate) ?? 0) + 1);
  return (
    <>
      {byDay.size ? (
        <ul className="plain stack" aria-label={t('partner.boxesForDays')}>
          {[...byDay].sort(([a], [b]) => a.localeCompare(b)).map(([day, n]) => (
            <li key={day} className="card spread">
              <span>
                {t('partner.boxesForDay', { n, day: formatDay(day) })}
              </span>
              <Link to={`/partner/runs?day=${day}`}>{t('partner.planUnderRuns')}</Link>
            </li>
          ))}
        </ul>
      ) : null}
      {single.length ? (
        <ul className="plain listing-grid" aria-label={t('partner.open')}>
          {single.map((s) => (
            <OpenCard key={s.shipmentId} s={s} />
          ))}
        </ul>
      ) : (
        <p className="muted">{t('partner.noSingle')}</p>
      )}
    </>
  );
};

export const PartnerHomeScreen = () => {
  const { session } = useSession();
  const [region, setRegion] = useState(session?.user.region ?? '');
  const [asked, setAsked] = useState(session?.user.region ?? '');
  // the partner this person manages (a manager invites drivers)
  const managed = session?.user.memberships.flatMap((m) =>
    m.kind === 'partner' && m.role === 'manager' ? [m.partnerId] : [],
  )[0];
  // An operator's token carries no region: ask for one rather than call the service without it.
  const open = useAsync(`open:${asked}`, () => (asked || session?.user.role !== 'admin' ? logistics.open(asked || undefined) : Promise.resolve(null)), {
    pollMs: () => 15_000,
  });
  // One page per active status: an old box still on its way is found however much was delivered since.
  const mine = useAsync('mine', async () => (await Promise.all(ACTIVE.map((s) => logistics.mine(s)))).flatMap((p) => p.items));
  return (
    <Page title={t('nav.shipments')} intro={t('partner.intro')} actions={<ScanLabelLink />}>
      <section aria-labelledby="mine-h" className="stack">
        <h2 id="mine-h">{t('partner.yours')}</h2>
        <Async state={mine} what={t('partner.loadingYours')}>
          {(list) => {
            const active = list.filter((s) => ACTIVE.includes(s.status));
            return active.length === 0 ? (
              <p className="muted">{t('partner.nothingCarried')}</p>
            ) : (
              <ul className="plain stack">
                {active.map((s) => (
                  <li key={s.shipmentId} className="card spread">
                    <Link to={`/partner/shipments/${s.shipmentId}`}>
                      {s.farmName} → {s.dropoff.address.city}
                    </Link>
                    <StatusBadge status={s.status} />
                  </li>
                ))}
              </ul>
            );
          }}
        </Async>
      </section>
      <section aria-labelledby="open-h" className="stack">
        <h2 id="open-h">{t('partner.openIn', { region: asked || 'none' })}</h2>
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            setAsked(region.trim());
          }}
        >
          <Field
            label={t('browse.region')}
            value={region}
            onChange={(e) => setRegion(e.target.value)}
            hint={t('partner.regionHint')}
          />
          <button type="submit" className="button secondary">
            {t('partner.show')}
          </button>
        </form>
        <Async state={open} what={t('partner.looking')}>
          {(list) =>
            list === null ? (
              <Empty>
                <p>{t('partner.enterRegion')}</p>
              </Empty>
            ) : list.length === 0 ? (
              <Empty>
                <p>{t('partner.noOpen', { region: asked || 'none' })}</p>
              </Empty>
            ) : (
              <OpenLists list={list} />
            )
          }
        </Async>
      </section>
      <History />
      {managed ? (
        <InviteForm title={t('partner.inviteDriver')} what="driver" send={(email) => onboarding.inviteDriver(managed, email)} />
      ) : null}
    </Page>
  );
};
