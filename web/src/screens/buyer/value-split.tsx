import type { Order } from '../../api/types';
import { Price, ShareBar } from '../../components/bits';

/** Where the buyer's money goes: per farm, what the farmer receives, delivery and the platform fee. */
export const ValueSplit = ({ split }: { split: Order['valueSplit'] }) => (
  <section className="card" aria-labelledby="split-h">
    <h2 id="split-h">Where your money goes</h2>
    <ShareBar percent={split.farmersSharePercent} label="Share of the price that goes to the farmers" />
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">Value split per farm</caption>
        <thead>
          <tr>
            <th scope="col">Farm</th>
            <th scope="col">Produce</th>
            <th scope="col">Farmer receives</th>
            <th scope="col">Delivery</th>
            <th scope="col">Platform fee</th>
            <th scope="col">Farmer share</th>
          </tr>
        </thead>
        <tbody>
          {split.farms.map((f) => (
            <tr key={f.farmId}>
              <th scope="row">{f.farmName}</th>
              <td>
                <Price money={f.goods} />
              </td>
              <td>
                <Price money={f.farmerReceives} />
              </td>
              <td>
                <Price money={f.logisticsCost} />
              </td>
              <td>
                <Price money={f.platformFee} />
              </td>
              <td>{f.farmerSharePercent.toFixed(1)}%</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total</th>
            <td>
              <Price money={split.goodsTotal} />
            </td>
            <td>
              <Price money={split.farmersReceive} />
            </td>
            <td>
              <Price money={split.logisticsTotal} />
            </td>
            <td>
              <Price money={split.platformFeeTotal} />
            </td>
            <td>{split.farmersSharePercent.toFixed(1)}%</td>
          </tr>
        </tfoot>
      </table>
    </div>
  </section>
);
