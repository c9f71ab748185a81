import { useState } from 'react';
import { delivery, downloadPdf } from '../../api/delivery';
import { SelectField } from '../../components/field';
import { PackingTable } from '../../components/table';
import { Async, Empty, ErrorMessage } from '../../components/states';
import { boxName, formatDate, formatDay, quantityText } from '../../lib/format';
import { useAction } from '../../lib/use-action';
import { useAsync } from '../../lib/use-async';
import { usePaged } from '../../lib/use-paged';
import { ShowMore } from '../../components/show-more';
import { BoxLabelButtons } from './box-label-buttons';
import { MyFarmPage } from './my-farm-page';
import { BusyButton } from '../../components/form';
import { t } from '../../i18n';

/** What to harvest and pack for one delivery day: per lot, then per order with where it goes; printable as a PDF. */
const PackingDay = ({ farmId, region }: { farmId: string; region: string }) => {
  const options = useAsync('delivery-days', () => delivery.options());
  const [picked, setPicked] = useState<string | null>(null);
  const pdf = useAction();
  return (
    <Async state={options} what={t('packing.loadingDays')}>
      {(o) => {
        // the farm's boxes go out on its own region's days only: another region's days are always empty here
        const days = (o.regions.find((r) => r.region === region)?.days ?? []).map((d) => d.day);
        const day = picked ?? days[0];
        if (!day) return <Empty>{<p>{t('packing.noDays', { region })}</p>}</Empty>;
        return (
          <div className="stack">
            <div className="row">
              <SelectField label={t('delivery.day')} value={day} onChange={(e) => setPicked(e.target.value)}>
                {days.map((d) => (
                  <option key={d} value={d}>
                    {formatDay(d)}
                  </option>
                ))}
              </SelectField>
              <BusyButton
                busy={pdf.busy}
                className="button secondary"
                onClick={() =>
                  void pdf.run(() =>
                    downloadPdf(
                      'orders',
                      `/farms/${encodeURIComponent(farmId)}/packing.pdf?day=${day}`,
                      `packing-${day}.pdf`,
                    ),
                  )
                }
              >
                {t('packing.print')}
              </BusyButton>
              <BoxLabelButtons farmId={farmId} day={day} />
            </div>
            {pdf.error ? <ErrorMessage error={pdf.error} /> : null}
            <DayList farmId={farmId} day={day} />
          </div>
        );
      }}
    </Async>
  );
};

const DayList = ({ farmId, day }: { farmId: string; day: string }) => {
  const { state, more, busy, error } = usePaged(`farm-day:${farmId}:${day}`, (cursor) => delivery.farmDay(farmId, day, cursor), (x) => x.orderId, {
    pollMs: () => 15_000,
  });
  return (
    <Async state={state} what={t('packing.loadingOrders')}>
      {(d) => {
        const toPack = d.all.filter((x) => x.toPack);
        return (
          <>
            <section className="card" aria-labelledby="harvest-h">
              <h2 id="harvest-h">{t('packing.toHarvest', { day: formatDate(day) })}</h2>
              {(d.packing ?? []).length === 0 ? (
                <p className="muted">{t('packing.nothing')}</p>
              ) : (
                <PackingTable labelledBy="harvest-h" packing={d.packing ?? []} />
              )}
            </section>
            <section aria-labelledby="boxes-h" className="stack">
              <h2 id="boxes-h">{t('packing.boxes', { n: toPack.length })}</h2>
              <ul className="plain stack" aria-label={t('packing.boxesFor', { day: formatDate(day) })}>
                {toPack.map((x) => (
                  <li key={x.orderId} className="card">
                    <strong>{boxName(x)}</strong>{' '}
                    <span className="muted small">→ {x.drop ?? t('packing.buyer')}</span>
                    <ul className="small">
                      {x.lines.map((l) => (
                        <li key={`${l.listingId}-${l.lotCode}`}>
                          {t('line.text', { quantity: quantityText(l.quantity, l.unit), title: l.title })} (
                          {t('order.lot')} <code>{l.lotCode}</code>)
                        </li>
                      ))}
                    </ul>
                  </li>
                ))}
              </ul>
              <ShowMore next={d.next} busy={busy} error={error} onMore={() => void more()} label={t('packing.moreBoxes')} />
            </section>
          </>
        );
      }}
    </Async>
  );
};

export const PackingDayScreen = () => (
  <MyFarmPage
    title={t('packing.title')}
    intro={t('packing.intro')}
  >
    {(farmId, farm) => <PackingDay farmId={farmId} region={farm.region} />}
  </MyFarmPage>
);
