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

const ACTIVE: ShipmentStatus[] = ['assigned', 'picked_up', 'out_for_delivery', 'delivery_failed'];

/** What the partner delivered (or took back to the farm), newest first, ten at a time. */
const History = () => {
  const { state, more, busy, error } = usePaged('history', (cursor) => logistics.history(cursor), (s) => s.shipmentId);
  return (
    <section aria-labelledby="history-h" className="stack">
      <h2 id="history-h">Delivery history</h2>
      <Async state={state} what="Loading your delivery history">
        {({ all: items, next }) => {
          if (items.length === 0)
            return <p className="muted">Nothing delivered yet: finished shipments appear here.</p>;
          return (
            <>
              <ul className="plain stack" aria-label="Delivered and returned shipments">
                {items.map((s) => (
                  <li key={s.shipmentId} className="card spread">
                    <span>
                      <Link to={`/partner/shipments/${s.shipmentId}`}>
                        {s.farmName} → {s.dropoff.address.city}
                      </Link>
                      <span className="muted small block">
                        {s.deliveredAt
                          ? `Delivered ${formatDateTime(s.deliveredAt)}`
                          : s.returned
                            ? `Returned ${formatDateTime(s.returned.at)}`
                            : ''}
                      </span>
                    </span>
                    <StatusBadge status={s.status} />
                  </li>
                ))}
              </ul>
              <ShowMore next={next} busy={busy} error={error} onMore={() => void more()} label="Show older deliveries" />
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
        Pick up: {s.pickup.address.line1}, {s.pickup.address.city}
        <br />
        Deliver to: {s.dropoff.postalCode} {s.dropoff.city}
        <br />
        Keep at {s.coldChain.minC}–{s.coldChain.maxC} °C ·{' '}
        {s.lines.map((l) => `${quantityText(l.quantity, l.unit)} ${l.title}`).join(', ')}
      </p>
      <p className="muted small">Ready since {formatDateTime(s.createdAt)}</p>
      {error ? <ErrorMessage error={error} /> : null}
      <button
        type="button"
        className="button block"
        disabled={busy}
        aria-busy={busy}
        onClick={() => void claim()}
        aria-label={`Claim shipment from ${s.farmName} to ${s.dropoff.city}`}
      >
        Claim
      </button>
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
        <ul className="plain stack" aria-label="Boxes for delivery days">
          {[...byDay].sort(([a], [b]) => a.localeCompare(b)).map(([day, n]) => (
            <li key={day} className="card spread">
              <span>
                {n} {n === 1 ? 'box' : 'boxes'} for {formatDay(day)}: they go on that day&rsquo;s run
              </span>
              <Link to={`/partner/runs?day=${day}`}>Plan and claim under Runs</Link>
            </li>
          ))}
        </ul>
      ) : null}
      {single.length ? (
        <ul className="plain listing-grid" aria-label="Open shipments">
          {single.map((s) => (
            <OpenCard key={s.shipmentId} s={s} />
          ))}
        </ul>
      ) : (
        <p className="muted">No boxes waiting for a courier on their own.</p>
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
    <Page
      title="Shipments"
      intro="Boxes waiting at farms near you, and the ones you are carrying."
      actions={<ScanLabelLink />}
    >
      <section aria-labelledby="mine-h" className="stack">
        <h2 id="mine-h">Your shipments</h2>
        <Async state={mine} what="Loading your shipments">
          {(list) => {
            const active = list.filter((s) => ACTIVE.includes(s.status));
            return active.length === 0 ? (
              <p className="muted">You are not carrying anything right now.</p>
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
        <h2 id="open-h">Open shipments{asked ? ` in ${asked}` : ''}</h2>
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            setAsked(region.trim());
          }}
        >
          <Field
            label="Region"
            value={region}
            onChange={(e) => setRegion(e.target.value)}
            hint="Defaults to the region you work in"
          />
          <button type="submit" className="button secondary">
            Show
          </button>
        </form>
        <Async state={open} what="Looking for shipments">
          {(list) =>
            list === null ? (
              <Empty>
                <p>Enter a region to see its open shipments.</p>
              </Empty>
            ) : list.length === 0 ? (
              <Empty>
                <p>
                  No open shipments{asked ? ` in ${asked}` : ''} right now. This list refreshes by itself.
                </p>
              </Empty>
            ) : (
              <OpenLists list={list} />
            )
          }
        </Async>
      </section>
      <History />
      {managed ? (
        <InviteForm title="Invite a driver" what="driver" send={(email) => onboarding.inviteDriver(managed, email)} />
      ) : null}
    </Page>
  );
};
