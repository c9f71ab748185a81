import { useRef, useState } from 'react';
import { boxLabels } from '../../api/box-labels';
import type { ScannedBox } from '../../api/types';
import { StatusBadge } from '../../components/bits';
import { Field } from '../../components/field';
import { Page } from '../../components/page';
import { ErrorMessage } from '../../components/states';
import { serialOf } from '../../lib/digital-link';
import { Link } from '../../lib/router';
import { useAction } from '../../lib/use-action';
import { useQrCamera, type CameraState } from '../../lib/use-qr-camera';

const CAMERA_OFF: Record<Extract<CameraState, { state: 'off' }>['reason'], string> = {
  unsupported: 'This browser cannot use a camera here. Type the code printed under the QR code instead.',
  blocked:
    'The camera is blocked for this site. Allow it in the browser’s settings, or type the code instead.',
  none: 'No camera was found. Type the code printed under the QR code instead.',
  failed: 'The camera could not be started. Type the code printed under the QR code instead.',
};

/** What the scan found: the box, with the way to pick it up or deliver it (its page holds the steps). */
const Found = ({ box, onAgain }: { box: ScannedBox; onAgain: () => void }) => (
  <section className="card stack" aria-labelledby="found-h" aria-live="polite">
    <h2 id="found-h">
      Box from {box.farmName} <StatusBadge status={box.status} />
    </h2>
    <p>
      Label <code>{box.serial}</code>
      {box.access === 'open' ? ': nobody carries it yet; open it to claim it.' : '.'}
    </p>
    <div className="row">
      <Link className="button" to={`/partner/shipments/${encodeURIComponent(box.shipmentId)}`}>
        {box.status === 'assigned'
          ? 'Open to pick up'
          : box.status === 'out_for_delivery'
            ? 'Open to deliver'
            : 'Open this box'}
      </Link>
      <button type="button" className="button secondary" onClick={onAgain}>
        Scan another label
      </button>
    </div>
  </section>
);

/**
 * A partner scans a box label (issue #33) to pick up or deliver that box: the camera reads the QR code (the
 * browser's BarcodeDetector where it reads QR codes, jsQR otherwise); the code printed under it can be typed.
 */
export const ScanScreen = () => {
  const video = useRef<HTMLVideoElement>(null);
  const [found, setFound] = useState<ScannedBox | null>(null);
  const [notOurs, setNotOurs] = useState(false);
  const [typed, setTyped] = useState('');
  const look = useAction();
  const lookUp = (serial: string) =>
    void look.run(async () => {
      setNotOurs(false);
      setFound(await boxLabels.scan(serial));
    });
  const camera = useQrCamera(video, !found && !look.busy && !look.error, (text) => {
    const serial = serialOf(text);
    if (serial) lookUp(serial);
    else setNotOurs(true);
  });
  const typedSerial = serialOf(typed);
  return (
    <Page
      title="Scan a box label"
      intro="Hold the label’s QR code in the frame to open that box and pick it up or deliver it."
    >
      <div className="stack">
        {camera.state === 'off' ? (
          <p className="state state-error" role="alert">
            {CAMERA_OFF[camera.reason]}
          </p>
        ) : (
          <video
            ref={video}
            muted
            playsInline
            aria-label="Camera view: hold a box label’s QR code in the frame"
            style={{
              width: '100%',
              maxWidth: 480,
              aspectRatio: '4 / 3',
              background: '#111',
              borderRadius: 8,
            }}
          />
        )}
        <p className="muted small" role="status">
          {camera.state === 'starting'
            ? 'Starting the camera…'
            : camera.state === 'on' && !found
              ? look.busy
                ? 'Label read: looking up the box…'
                : notOurs
                  ? 'That code is not a FieldToTable box label. Try the QR code on the box’s label.'
                  : 'Looking for a QR code…'
              : ''}
        </p>
        {found ? (
          <Found
            box={found}
            onAgain={() => {
              setFound(null);
              setTyped('');
            }}
          />
        ) : null}
        {look.error ? (
          <div className="stack">
            <ErrorMessage error={look.error} />
            <button
              type="button"
              className="button secondary"
              onClick={() => void look.run(async () => undefined)}
            >
              Scan again
            </button>
          </div>
        ) : null}
        <form
          className="row card"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (typedSerial) lookUp(typedSerial);
          }}
        >
          <Field
            label="Code under the QR code"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            aria-invalid={typed !== '' && !typedSerial}
            hint={
              typed !== '' && !typedSerial ? "A code looks like 'FTT-' and 12 letters or digits" : undefined
            }
            autoCapitalize="characters"
          />
          <button type="submit" className="button secondary" disabled={!typedSerial || look.busy}>
            Find the box
          </button>
        </form>
      </div>
    </Page>
  );
};
