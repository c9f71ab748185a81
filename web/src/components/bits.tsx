import { useState } from 'react';
import type { Money } from '../api/types';
import { formatMoney, humanize } from '../lib/format';
import { t } from '../i18n';

export const Price = ({ money }: { money: Money }) => <span className="price">{formatMoney(money)}</span>;

/** An amount in a table. */
export const PriceCell = ({ money }: { money: Money }) => (
  <td>
    <Price money={money} />
  </td>
);

const TONES: Record<string, string> = {
  published: 'ok',
  completed: 'ok',
  delivered: 'ok',
  confirmed: 'ok',
  paid: 'ok',
  draft: 'neutral',
  pending: 'neutral',
  open: 'neutral',
  assigned: 'info',
  picked_up: 'info',
  out_for_delivery: 'info',
  awaiting_payment: 'warn',
  paused: 'warn',
  delivery_failed: 'bad',
  rejected: 'bad',
  cancelled: 'bad',
  expired: 'bad',
  returned: 'bad',
  refunded: 'bad',
  archived: 'neutral',
};

export const StatusBadge = ({ status }: { status: string }) => (
  <span className={`badge badge-${TONES[status] ?? 'neutral'}`}>{humanize(status)}</span>
);

/** A photo a farmer uploaded: catalog serves it at three widths, so the browser picks the one the layout needs. */
const UPLOADED = /^\/(listing|farm)-photos\/[0-9a-f]{32}$/;
const uploadedSources = (path: string) => ({
  src: `/api/catalog${path}/640.webp`,
  srcSet: [320, 640, 1280].map((w) => `/api/catalog${path}/${w}.webp ${w}w`).join(', '),
});

/** A produce photo; a missing file falls back to the shipped placeholder illustration. */
export const Photo = ({
  src,
  alt,
  className,
  sizes = '(min-width: 700px) 320px, 100vw',
}: {
  src: string | undefined;
  alt: string;
  className?: string;
  /** How wide the photo is shown, for srcset: a thumbnail says so. */
  sizes?: string;
}) => {
  const [failed, setFailed] = useState(false);
  const uploaded = src && !failed && UPLOADED.test(src) ? uploadedSources(src) : null;
  return (
    <img
      className={`photo ${className ?? ''}`}
      {...(uploaded ? { srcSet: uploaded.srcSet, sizes } : {})}
      src={uploaded ? uploaded.src : !src || failed ? '/photos/placeholder.svg' : src}
      alt={alt}
      width={320}
      height={240}
      loading="lazy"
      onError={() => setFailed(true)}
    />
  );
};

/** The farmer's share of what the buyer paid, as a labelled bar. */
export const ShareBar = ({ percent, label }: { percent: number; label: string }) => (
  <div className="share">
    <div className="share-label">
      <span>{label}</span>
      <strong>{percent.toFixed(1)}%</strong>
    </div>
    <div className="share-track" role="img" aria-label={t('share.aria', { label, percent: percent.toFixed(1) })}>
      <div className="share-fill" style={{ width: `${Math.min(100, Math.max(0, percent))}%` }} />
    </div>
  </div>
);
