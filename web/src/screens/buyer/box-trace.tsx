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
import { intl, t } from '../../i18n';

const degrees = (c: number) =>
  t('boxTrace.degrees', { n: intl().formatNumber(c, { maximumFractionDigits: 1 }) });

const Story = ({ box }: { box: BoxTraceView }) => (
  <>
    <section className="card stack" aria-labelledby="box-h">
      <h2 id="box-h">
        {t('boxTrace.from', { farm: box.farmName })} <StatusBadge status={box.status} />
      </h2>
      <ul className="plain stack">
        {box.contents.map((c) => {
          const scanned = c.listingId === box.scanned.listingId && c.lotCode === box.scanned.lotCode;
          return (
            <li key={`${c.listingId}-${c.lotCode}`} className="trace-item">
              <h3>
                {t('boxTrace.line', { quantity: quantityText(c.quantity, c.unit), title: c.title })}
                {scanned ? <span className="muted small"> {t('boxTrace.onLabel')}</span> : null}
              </h3>
              <dl className="facts">
                <dt>{t('boxTrace.field')}</dt>
                <dd>{c.field ?? t('boxTrace.notRecorded')}</dd>
                <dt>{t('boxTrace.harvested')}</dt>
                <dd>{c.harvestDate ? formatDate(c.harvestDate) : t('boxTrace.notRecorded')}</dd>
                {c.bestBefore ? (
                  <>
                    <dt>{t('boxTrace.bestBefore')}</dt>
                    <dd>{formatDate(c.bestBefore)}</dd>
                  </>
                ) : null}
                <dt>{t('boxTrace.lot')}</dt>
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
      <h2 id="way-h">{t('boxTrace.way')}</h2>
      <p>
        {t(box.carried ? 'boxTrace.carried' : 'boxTrace.notCarried', {
          min: degrees(box.coldChain.minC),
          max: degrees(box.coldChain.maxC),
        })}
        {box.temperatureExcursion ? <strong className="bad-text"> {t('boxTrace.excursion')}</strong> : null}
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
        <h2 id="temp-h">{t('boxTrace.temperature')}</h2>
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
      title={t('boxTrace.title')}
      intro={t('boxTrace.intro')}
      actions={
        <Link className="button secondary" to={`/track?code=${encodeURIComponent(serial)}`}>
          {t('boxTrace.track')}
        </Link>
      }
    >
      <Async state={state} what={t('boxTrace.looking')}>
        {(box) =>
          box ? (
            <Story box={box} />
          ) : (
            <p className="state state-error" role="alert">
              {t('boxTrace.noMatch')}
            </p>
          )
        }
      </Async>
    </Page>
  );
};
