import type { ReactNode } from 'react';
import { quantityText } from '../lib/format';
import { t } from '../i18n';

/**
 * A table that scrolls sideways on a narrow screen: a focusable region (keyboard users can scroll it) named by the
 * heading `labelledBy`, with one column header per `head`.
 */
export const ScrollTable = ({
  labelledBy,
  className = 'table-wrap',
  head,
  children,
}: {
  labelledBy: string;
  className?: string;
  head: string[];
  children: ReactNode;
}) => (
  <div className={className} tabIndex={0} role="region" aria-labelledby={labelledBy}>
    <table>
      <thead>
        <tr>
          {head.map((h) => (
            <th scope="col" key={h}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  </div>
);

/** One lot to pack: how much of a listing's lot a farm's orders hold. */
export interface PackingLine {
  listingId: string;
  lotCode: string;
  title: string;
  quantity: number;
  unit: string;
}

/** What a farm packs, per listing and lot (the farm's orders page, its packing day, the back office's order). */
export const PackingTable = ({ labelledBy, packing }: { labelledBy: string; packing: PackingLine[] }) => (
  <ScrollTable labelledBy={labelledBy} head={[t('farmOrders.product'), t('trace.lot'), t('farmOrders.quantity')]}>
    {packing.map((p) => (
      <tr key={`${p.listingId}-${p.lotCode}`}>
        <th scope="row">{p.title}</th>
        <td>
          <code>{p.lotCode}</code>
        </td>
        <td>{quantityText(p.quantity, p.unit)}</td>
      </tr>
    ))}
  </ScrollTable>
);
