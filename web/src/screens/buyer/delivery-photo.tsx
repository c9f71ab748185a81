import { useEffect, useState } from 'react';
import { dropPhotos } from '../../api/drop-photos';
import { t } from '../../i18n';

/**
 * The photo the courier took where the buyer's box was left (proof of delivery). Logistics gives it to the buyer of
 * the order only, for their own box, so it is fetched with the buyer's token and shown from memory.
 */
export const DeliveryPhoto = ({
  orderId,
  shipmentId,
  farm,
}: {
  orderId: string;
  shipmentId: string;
  farm: string;
}) => {
  const [url, setUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    let made: string | null = null;
    dropPhotos.objectUrl(orderId, shipmentId).then(
      (u) => {
        made = u;
        if (live) setUrl(u);
        else URL.revokeObjectURL(u);
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [orderId, shipmentId]);
  if (failed) return <p className="muted small">{t('photo.failed')}</p>;
  return (
    <figure className="delivery-photo">
      {url ? (
        <img src={url} alt={t('photo.alt', { farm })} />
      ) : (
        <p className="muted small" role="status">
          {t('photo.loading')}
        </p>
      )}
      <figcaption className="small muted">
        {t('photo.caption', { farm })}
      </figcaption>
    </figure>
  );
};
