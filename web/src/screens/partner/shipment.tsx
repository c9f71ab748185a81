import { useState, type ReactNode } from 'react';
import { logistics } from '../../api/logistics';
import type { PartnerShipment, ShipmentDetail, ShipmentStatus } from '../../api/types';
import { StatusBadge } from '../../components/bits';
import { Page } from '../../components/page';
import { Timeline } from '../../components/timeline';
import { Async, ErrorMessage } from '../../components/states';
import { formatDateTime, quantityText } from '../../lib/format';
import { t, tx } from '../../i18n';
import { Link } from '../../lib/router';
import { useAsync } from '../../lib/use-async';
import { partnerShipment, useOutbox } from '../../offline/outbox';
import { projected } from '../../offline/steps';
import { WaitingSteps } from '../../offline/waiting-steps';
import { ShipmentLoggersCard } from './shipment-loggers';
import { StepForms } from './step-forms';

const STEPS: { status: ShipmentStatus; label: () => string }[] = [
  { status: 'assigned', label: () => t('status.claimed') },
  { status: 'picked_up', label: () => t('status.picked_up') },
  { status: 'out_for_delivery', label: () => t('status.out_for_delivery') },
  { status: 'delivered', label: () => t('status.delivered') },
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
    <ol className="stepper" aria-label={t('shipment.progress')}>
      {STEPS.map((s, i) => (
        <li
          key={s.status}
          className={i < at ? 'done' : i === at ? 'current' : ''}
          aria-current={i === at ? 'step' : undefined}
        >
          {s.label()}
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
    <Section title={t('shipment.pickUp')}>
      <p>
        <strong>{s.farmName}</strong>
        <br />
        {s.pickup.address.line1}, {s.pickup.address.postalCode} {s.pickup.address.city}
      </p>
      <ul className="small">
        {s.lines.map((l) => (
          <li key={l.listingId}>
            {tx('shipment.lineLot', {
              quantity: quantityText(l.quantity, l.unit),
              title: l.title,
              lot: l.lotCode,
              code: (c) => <code>{c}</code>,
            })}
          </li>
        ))}
      </ul>
      <p className="small">{t('shipment.keepBetween', { min: s.coldChain.minC, max: s.coldChain.maxC })}</p>
    </Section>
    <Section title={t('shipment.deliverTo')}>
      <p>
        {s.dropoff.contactName}
        <br />
        {s.dropoff.address.line1}, {s.dropoff.address.postalCode} {s.dropoff.address.city}
        {s.dropoff.phone ? (
          <>
            <br />
            <a href={`tel:${s.dropoff.phone.replace(/[^+\d]/g, '')}`}>
              {t('shipment.call', { phone: s.dropoff.phone })}
            </a>
          </>
        ) : null}
      </p>
      <p className="small muted">
        {tx('shipment.trackingCode', { code: (c) => <code>{c}</code>, tracking: s.trackingCode })}
      </p>
    </Section>
    <Section title={t('shipment.checkpoints')}>
      {s.checkpoints.length === 0 ? (
        <p className="muted small">{t('shipment.noCheckpoints')}</p>
      ) : (
        <Timeline items={s.checkpoints} at={(c) => c.time} warn={(c) => c.excursion}>
          {(c) => (
            <>
              <span>{c.place}</span>
              {c.temperatureC !== undefined ? (
                <span className={c.excursion ? 'bad-text' : 'muted'}>
                  {t(c.excursion ? 'shipment.outOfRange' : 'shipment.temperature', { temp: c.temperatureC })}
                </span>
              ) : null}
              {c.note ? <span className="note">{t('shipment.note', { note: c.note })}</span> : null}
            </>
          )}
        </Timeline>
      )}
    </Section>
    {s.failures.length ? (
      <Section title={t('shipment.failures')}>
        <ul className="small">
          {s.failures.map((f) => (
            <li key={f.at}>{t('shipment.failure', { time: formatDateTime(f.at), reason: f.reason })}</li>
          ))}
        </ul>
      </Section>
    ) : null}
    {s.returned ? (
      <Section title={t('shipment.returned')}>
        <p>{s.returned.reason}</p>
      </Section>
    ) : null}
    {s.delivery ? (
      <Section title={t('shipment.proof')}>
        <p>
          {s.deliveredAt
            ? t('shipment.receivedByOn', {
                name: s.delivery.recipientName,
                time: formatDateTime(s.deliveredAt),
              })
            : t('shipment.receivedBy', { name: s.delivery.recipientName })}
          <br />
          {tx('shipment.proofRef', { ref: s.delivery.proofRef, code: (c) => <code>{c}</code> })}
        </p>
      </Section>
    ) : null}
  </>
);

const Claim = ({ shipmentId, onDone }: { shipmentId: string; onDone: (s: PartnerShipment) => void }) => {
  const [error, setError] = useState<unknown>(null);
  return (
    <section className="card step-card">
      <h2>{t('shipment.isOpen')}</h2>
      <button
        type="button"
        className="button block big-button"
        onClick={() => logistics.claim(shipmentId).then(onDone, setError)}
      >
        {t('shipment.claimIt')}
      </button>
      {error ? <ErrorMessage error={error} /> : null}
    </section>
  );
};

/** Phone-first: one big next action at a time, then the details. */
export const ShipmentScreen = ({ shipmentId }: { shipmentId: string }) => {
  const state = useAsync(`shipment:${shipmentId}`, () =>
    partnerShipment(shipmentId, () => logistics.one(shipmentId), isPartnerView),
  );
  const outbox = useOutbox();
  // the shipment as logistics last answered (a step the outbox sent since it was loaded), then its waiting steps
  const latest = (loaded: ShipmentDetail): ShipmentDetail => {
    if (!isPartnerView(loaded)) return loaded;
    const sent = outbox.shipments.get(shipmentId);
    return projected(sent && sent.updatedAt > loaded.updatedAt ? sent : loaded, outbox.steps);
  };
  return (
    <Async state={state} what={t('shipment.loading')} page={t('shipment.page')}>
      {(loaded) => {
        const s = latest(loaded);
        return (
        <Page
          title={t('shipment.title', {
            farm: s.farmName,
            city: isPartnerView(s) ? s.dropoff.address.city : s.dropoff.city,
          })}
          intro={
            <>
              <StatusBadge status={s.status} /> · <Link to="/partner">{t('shipment.all')}</Link>
            </>
          }
        >
          <Stepper status={s.status} />
          {isPartnerView(s) ? (
            <>
              <WaitingSteps shipmentId={s.shipmentId} steps={outbox.steps} />
              <StepForms shipment={s} onChange={state.set} />
              <ShipmentLoggersCard shipment={s} />
              <Details s={s} />
            </>
          ) : (
            <Claim shipmentId={s.shipmentId} onDone={state.set} />
          )}
        </Page>
        );
      }}
    </Async>
  );
};
