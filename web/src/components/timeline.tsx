import type { ReactNode } from 'react';
import { formatDateTime } from '../lib/format';

/** A dated list (an order's states, a shipment's steps and checkpoints): each item's content, then when. */
export const Timeline = <T,>({
  items,
  at,
  warn,
  children,
}: {
  items: readonly T[];
  at: (item: T) => string;
  /** Items marked as a problem (a temperature excursion, a failed attempt). */
  warn?: (item: T) => boolean;
  children: (item: T) => ReactNode;
}) => (
  <ol className="timeline">
    {items.map((item, i) => (
      <li key={i} className={warn?.(item) ? 'warn' : undefined}>
        {children(item)}
        <time className="muted small" dateTime={at(item)}>
          {formatDateTime(at(item))}
        </time>
      </li>
    ))}
  </ol>
);
