import type { Order } from '../../api/types';
import { Price } from '../../components/bits';
import { formatDate, quantityText } from '../../lib/format';
import { t, tx } from '../../i18n';

/** One order as an operator helps its buyer with it: what was ordered from which farm, and where it goes. */
export const OrderContents = ({ order: o }: { order: Order }) => {
  const farmName = (farmId: string) =>
    o.farms.find((f) => f.farmId === farmId)?.farmName ?? t('orderContents.aFarm');
  const a = o.dropoff.address;
  return (
    <div className="grid two">
      <section className="card" aria-labelledby="items-h">
        <h2 id="items-h">{t('orderContents.ordered')}</h2>
        <ul className="plain stack">
          {o.lines.map((l) => (
            <li key={l.listingId} className="spread">
              <span>
                {t('orderContents.line', { quantity: quantityText(l.quantity, l.unit), title: l.title })}
                <br />
                <span className="muted small">
                  {tx('orderContents.lot', {
                    farm: farmName(l.farmId),
                    lot: l.lotCode,
                    code: (c) => <code>{c}</code>,
                  })}
                </span>
              </span>
              <Price money={l.lineTotal} />
            </li>
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="deliver-h">
        <h2 id="deliver-h">{t('orderContents.deliverTo')}</h2>
        <p>
          {o.dropoff.contactName}
          <br />
          {a.line1}
          {a.line2 ? (
            <>
              <br />
              {a.line2}
            </>
          ) : null}
          <br />
          {a.postalCode} {a.city}
          {o.dropoff.phone ? (
            <>
              <br />
              {o.dropoff.phone}
            </>
          ) : null}
        </p>
        {o.delivery ? (
          <p className="small">
            {o.delivery.drop.kind === 'pickup_point'
              ? t('orderContents.dayAt', { day: formatDate(o.delivery.day), place: o.delivery.drop.name })
              : t('orderContents.dayDoor', { day: formatDate(o.delivery.day) })}
          </p>
        ) : (
          <p className="small muted">{t('orderContents.courier')}</p>
        )}
      </section>
    </div>
  );
};
