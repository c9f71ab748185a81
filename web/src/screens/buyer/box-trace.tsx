import { boxLabels } from '../../api/box-labels';
import type { BoxTraceView } from '../../api/types';
import { StatusBadge } from '../../components/bits';
import { Page } from '../../components/page';
import { Async } from '../../components/states';
import { TemperatureChart } from '../../components/temperature-chart';
import { Timeline } from '../../components/timeline';
import { formatDate, humanize, quantityText } from '../../lib/format';
import { Link } from '../../lib/router';
import { useAsync } from '../../lib/use-async';

const degrees = (c: number) => `${Number.isInteger(c) ? c : c.toFixed(1)} °C`;

const Story = ({ box }: { box: BoxTraceView }) => (
  <>
    <section className="card stack" aria-labelledby="box-h">
      <h2 id="box-h">
        From {box.farmName} <StatusBadge status={box.status} />
      </h2>
      <ul className="plain stack">
        {box.contents.map((c) => {
          const scanned = c.listingId === box.scanned.listingId && c.lotCode === box.scanned.lotCode;
          return (
            <li key={`${c.listingId}-${c.lotCode}`} className="trace-item">
              <h3>
                {quantityText(c.quantity, c.unit)} {c.title}
                {scanned ? <span className="muted small"> (on the label)</span> : null}
              </h3>
              <dl className="facts">
                <dt>Field</dt>
                <dd>{c.field ?? 'not recorded'}</dd>
                <dt>Harvested</dt>
                <dd>{c.harvestDate ? formatDate(c.harvestDate) : 'not recorded'}</dd>
                {c.bestBefore ? (
                  <>
                    <dt>Best before</dt>
                    <dd>{formatDate(c.bestBefore)}</dd>
                  </>
                ) : null}
                <dt>Lot</dt>
                <dd>
                  <code>{c.lotCode}</code>
                </dd>
              </dl>
            </li>
          );
        })}
      </ul>
    </section>
    <section className="card stack" aria-labelledby="way-h">
      <h2 id="way-h">Its way to you</h2>
      <p>
        {box.carried ? 'Carried by a FieldToTable delivery partner, ' : 'Not picked up yet. It travels '}
        kept between {degrees(box.coldChain.minC)} and {degrees(box.coldChain.maxC)}.
        {box.temperatureExcursion ? (
          <strong className="bad-text"> The temperature left that range on the way.</strong>
        ) : null}
      </p>
      <Timeline items={box.steps} at={(s) => s.time}>
        {(s) => (
          <>
            <span>{humanize(s.step)}</span>
            {s.place ? <span>{s.place}</span> : null}
            {s.temperatureC !== undefined ? <span className="muted">{degrees(s.temperatureC)}</span> : null}
          </>
        )}
      </Timeline>
    </section>
    {box.temperatures.series.length > 0 ? (
      <section className="card stack" aria-labelledby="temp-h">
        <h2 id="temp-h">Temperature on the way</h2>
        <TemperatureChart curve={{ ...box.temperatures, shipmentId: box.serial }} />
      </section>
    ) : null}
  </>
);

/**
 * The page a box label's QR code opens (`/01/<product>/10/<lot>/21/<serial>`, GS1 Digital Link style): the box's
 * story for whoever holds it, with no sign-in and nothing about the buyer.
 */
export const BoxTraceScreen = ({
  product,
  lot,
  serial,
}: {
  product: string;
  lot: string;
  serial: string;
}) => {
  const state = useAsync(`box:${product}:${lot}:${serial}`, () => boxLabels.trace({ product, lot, serial }));
  return (
    <Page
      title="The story of this box"
      intro="Where it grew, when it was harvested and how it travelled to you."
      actions={
        <Link className="button secondary" to={`/track?code=${encodeURIComponent(serial)}`}>
          Track it by code
        </Link>
      }
    >
      <Async state={state} what="Looking up the box">
        {(box) =>
          box ? (
            <Story box={box} />
          ) : (
            <p className="state state-error" role="alert">
              No box matches this label. Scan it again, or type the code printed under the QR code (FTT- and
              twelve letters and digits) on the tracking page.
            </p>
          )
        }
      </Async>
    </Page>
  );
};
