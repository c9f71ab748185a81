import { useState, type ReactNode } from 'react';
import { logistics } from '../../api/logistics';
import type { PartnerShipment, ShipmentDetail, ShipmentStatus } from '../../api/types';
import { StatusBadge } from '../../components/bits';
import { Page } from '../../components/page';
import { Timeline } from '../../components/timeline';
import { Async, ErrorMessage } from '../../components/states';
import { formatDateTime, quantityText } from '../../lib/format';
import { Link } from '../../lib/router';
import { useAsync } from '../../lib/use-async';
import { ShipmentLoggersCard } from './shipment-loggers';
import { StepForms } from './step-forms';

const STEPS: { status: ShipmentStatus; label: string }[] = [
  { status: 'assigned', label: 'Claimed' },
  { status: 'picked_up', label: 'Picked up' },
  { status: 'out_for_delivery', label: 'Out for delivery' },
  { status: 'delivered', label: 'Delivered' },
];
const ORDER: Partial<Record<ShipmentStatus, number>> = {
  open: -1,
  assigned: 0,
  picked_up: 1,
  out_for_delivery: 2,
  delivery_failed: 2,
  delivered: 3,
};

const isPartnerView = (s: ShipmentDetail): s is PartnerShipment => 'trackingCode' in s;

const Stepper = ({ status }: { status: ShipmentStatus }) => {
  const at = ORDER[status] ?? -1;
  return (
    <ol className="stepper" aria-label="Progress">
      {STEPS.map((s, i) => (
        <li
          key={s.status}
          className={i < at ? 'done' : i === at ? 'current' : ''}
          aria-current={i === at ? 'step' : undefined}
        >
          {s.label}
        </li>
      ))}
    </ol>
  );
};

const Section = ({ title, children }: { title: string; children: ReactNode }) => (
  <section className="card">
    <h2>{title}</h2>
    {children}
  </section>
);

const Details = ({ s }: { s: PartnerShipment }) => (
  <>
    <Section title="Pick up">
      <p>
        <strong>{s.farmName}</strong>
        <br />
        {s.pickup.address.line1}, {s.pickup.address.postalCode} {s.pickup.address.city}
      </p>
      <ul className="small">
        {s.lines.map((l) => (
          <li key={l.listingId}>
            {quantityText(l.quantity, l.unit)} {l.title} — lot <code>{l.lotCode}</code>
          </li>
        ))}
      </ul>
      <p className="small">
        Keep between {s.coldChain.minC} and {s.coldChain.maxC} °C.
      </p>
    </Section>
    <Section title="Deliver to">
      <p>
        {s.dropoff.contactName}
        <br />
        {s.dropoff.address.line1}, {s.dropoff.address.postalCode} {s.dropoff.address.city}
        {s.dropoff.phone ? (
          <>
            <br />
            <a href={`tel:${s.dropoff.phone.replace(/[^+\d]/g, '')}`}>Call {s.dropoff.phone}</a>
          </>
        ) : null}
      </p>
      <p className="small muted">
        Tracking code for the buyer: <code>{s.trackingCode}</code>
      </p>
    </Section>
    <Section title="Checkpoints">
      {s.checkpoints.length === 0 ? (
        <p className="muted small">None recorded yet.</p>
      ) : (
        <Timeline items={s.checkpoints} at={(c) => c.time} warn={(c) => c.excursion}>
          {(c) => (
            <>
              <span>{c.place}</span>
              {c.temperatureC !== undefined ? (
                <span className={c.excursion ? 'bad-text' : 'muted'}>
                  {c.temperatureC} °C{c.excursion ? ' — out of range' : ''}
                </span>
              ) : null}
              {c.note ? <span className="note">Note: {c.note}</span> : null}
            </>
          )}
        </Timeline>
      )}
    </Section>
    {s.failures.length ? (
      <Section title="Delivery attempts that failed">
        <ul className="small">
          {s.failures.map((f) => (
            <li key={f.at}>
              {formatDateTime(f.at)}: {f.reason}
            </li>
          ))}
        </ul>
      </Section>
    ) : null}
    {s.returned ? (
      <Section title="Returned to the farm">
        <p>{s.returned.reason}</p>
      </Section>
    ) : null}
    {s.delivery ? (
      <Section title="Proof of delivery">
        <p>
          Received by {s.delivery.recipientName}
          {s.deliveredAt ? ` on ${formatDateTime(s.deliveredAt)}` : ''}
          <br />
          Proof: <code>{s.delivery.proofRef}</code>
        </p>
      </Section>
    ) : null}
  </>
);

const Claim = ({ shipmentId, onDone }: { shipmentId: string; onDone: (s: PartnerShipment) => void }) => {
  const [error, setError] = useState<unknown>(null);
  return (
    <section className="card step-card">
      <h2>This shipment is open</h2>
      <button
        type="button"
        className="button block big-button"
        onClick={() => logistics.claim(shipmentId).then(onDone, setError)}
      >
        Claim it
      </button>
      {error ? <ErrorMessage error={error} /> : null}
    </section>
  );
};

/** Phone-first: one big next action at a time, then the details. */
export const ShipmentScreen = ({ shipmentId }: { shipmentId: string }) => {
  const state = useAsync(`shipment:${shipmentId}`, () => logistics.one(shipmentId));
  return (
    <Async state={state} what="Loading the shipment" page="Shipment">
      {(s) => (
        <Page
          title={`${s.farmName} → ${isPartnerView(s) ? s.dropoff.address.city : s.dropoff.city}`}
          intro={
            <>
              <StatusBadge status={s.status} /> · <Link to="/partner">All shipments</Link>
            </>
          }
        >
          <Stepper status={s.status} />
          {isPartnerView(s) ? (
            <>
              <StepForms shipment={s} onChange={state.set} />
              <ShipmentLoggersCard shipment={s} />
              <Details s={s} />
            </>
          ) : (
            <Claim shipmentId={s.shipmentId} onDone={state.set} />
          )}
        </Page>
      )}
    </Async>
  );
};
