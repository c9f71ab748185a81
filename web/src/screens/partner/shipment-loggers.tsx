import { useState } from 'react';
import { loggers } from '../../api/loggers';
import type { PartnerShipment, ShipmentLogger } from '../../api/types';
import { Empty, ErrorMessage, Loading } from '../../components/states';
import { SelectField } from '../../components/field';
import { TemperatureChart } from '../../components/temperature-chart';
import { formatDateTime } from '../../lib/format';
import { Link } from '../../lib/router';
import { useAction } from '../../lib/use-action';
import { useAsync } from '../../lib/use-async';
import { t } from '../../i18n';

/** A shipment can carry a logger from its claim until it ends (logistics says the same: use-cases/devices.ts). */
const CARRYING = ['assigned', 'picked_up', 'out_for_delivery', 'delivery_failed'];
/** While a logger is on the shipment, its readings come in: the card asks again now and then. */
const POLL_MS = 15_000;

const Latest = ({ l }: { l: ShipmentLogger }) =>
  l.latest ? (
    <span className={l.latest.outOfRange ? 'bad-text' : ''}>
      {t(l.latest.outOfRange ? 'loggers.latestOut' : 'loggers.latest', {
        temp: l.latest.temperatureC,
        time: formatDateTime(l.latest.time),
      })}
    </span>
  ) : (
    <span className="muted">{t('loggers.noReading')}</span>
  );

/**
 * The shipment page's temperature loggers: the ones on it with their latest readings, attach one of the partner's own
 * loggers, take one off, and the curve so far (each logger by its own name).
 */
export const ShipmentLoggersCard = ({ shipment }: { shipment: PartnerShipment }) => {
  const carrying = CARRYING.includes(shipment.status);
  const state = useAsync(
    `loggers:${shipment.shipmentId}`,
    async () => {
      const [onIt, mine] = await Promise.all([
        loggers.ofShipment(shipment.shipmentId),
        carrying ? loggers.mine() : Promise.resolve({ devices: [] }),
      ]);
      return { onIt, mine: mine.devices };
    },
    { pollMs: (d) => (d.onIt.loggers.some((l) => l.to === null) ? POLL_MS : null) },
  );
  const [choice, setChoice] = useState('');
  const act = useAction();
  const attachedIds =
    state.status === 'ready'
      ? state.data.onIt.loggers.filter((l) => l.to === null).map((l) => l.deviceId)
      : [];
  const free =
    state.status === 'ready' ? state.data.mine.filter((d) => !attachedIds.includes(d.deviceId)) : [];
  const chosen = free.some((d) => d.deviceId === choice) ? choice : (free[0]?.deviceId ?? '');

  return (
    <section className="card stack" aria-labelledby="loggers-h">
      <h2 id="loggers-h">{t('loggers.title')}</h2>
      {state.status === 'loading' ? (
        <Loading what={t('loggers.loading')} />
      ) : state.status === 'error' ? (
        <ErrorMessage error={state.error} onRetry={state.reload} />
      ) : (
        <>
          {state.data.onIt.loggers.length === 0 ? (
            <p className="muted small">{t('loggers.noneOnIt')}</p>
          ) : (
            <ul className="plain stack" aria-label={t('loggers.onIt')}>
              {state.data.onIt.loggers.map((l) => (
                <li key={`${l.deviceId}-${l.from}`} className="logger-row">
                  <div>
                    <strong>{l.label}</strong>
                    {l.serial ? (
                      <span className="muted small"> · {t('loggers.serialSmall', { serial: l.serial })}</span>
                    ) : null}
                    <br />
                    <span className="small">
                      <Latest l={l} />
                    </span>
                    <br />
                    <span className="small muted">
                      {l.to === null
                        ? t('loggers.onSince', { time: formatDateTime(l.from) })
                        : t('loggers.wasOn', { from: formatDateTime(l.from), to: formatDateTime(l.to) })}
                    </span>
                  </div>
                  {l.to === null && carrying ? (
                    <button
                      type="button"
                      className="button secondary"
                      disabled={act.busy}
                      onClick={() =>
                        void act.run(async () => {
                          await loggers.detach(l.deviceId, shipment.shipmentId);
                          state.reload();
                        })
                      }
                    >
                      {t('loggers.takeOff', { label: l.label })}
                    </button>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          {carrying ? (
            free.length === 0 ? (
              <Empty>
                <p className="small">
                  {state.data.mine.length === 0 ? t('loggers.noneYet') : t('loggers.allOn')}{' '}
                  <Link to="/partner/loggers">{t('loggers.register')}</Link>
                </p>
              </Empty>
            ) : (
              <form
                className="row attach-form"
                onSubmit={(e) => {
                  e.preventDefault();
                  void act.run(async () => {
                    await loggers.attach(chosen, shipment.shipmentId);
                    state.reload();
                  });
                }}
              >
                <SelectField
                  label={t('loggers.toAttach')}
                  value={chosen}
                  onChange={(e) => setChoice(e.target.value)}
                >
                  {free.map((d) => (
                    <option key={d.deviceId} value={d.deviceId}>
                      {d.label}
                      {d.serial ? ` (${d.serial})` : ''}
                    </option>
                  ))}
                </SelectField>
                <div>
                  <button type="submit" className="button" disabled={act.busy} aria-busy={act.busy}>
                    {t('loggers.attach')}
                  </button>
                </div>
              </form>
            )
          ) : null}
          {act.error ? <ErrorMessage error={act.error} /> : null}
          {state.data.onIt.curve.series.length ? <TemperatureChart curve={state.data.onIt.curve} /> : null}
        </>
      )}
    </section>
  );
};
