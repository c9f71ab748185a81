import { useEffect, useState } from 'react';
import { dropPhotos } from '../../api/drop-photos';

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
  if (failed) return <p className="muted small">The photo of the delivery could not be loaded.</p>;
  return (
    <figure className="delivery-photo">
      {url ? (
        <img src={url} alt={`Where your box from ${farm} was left`} />
      ) : (
        <p className="muted small" role="status">
          Loading the photo of the delivery…
        </p>
      )}
      <figcaption className="small muted">
        Photo taken by the courier when your box from {farm} was delivered.
      </figcaption>
    </figure>
  );
};
