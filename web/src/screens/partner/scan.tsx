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
import { Form } from '../../components/form';
import { t, tx, type MessageId } from '../../i18n';

const CAMERA_OFF: Record<Extract<CameraState, { state: 'off' }>['reason'], MessageId> = {
  unsupported: 'scan.unsupported',
  blocked: 'scan.blocked',
  none: 'scan.none',
  failed: 'scan.failed',
};

/** What the scan found: the box, with the way to pick it up or deliver it (its page holds the steps). */
const Found = ({ box, onAgain }: { box: ScannedBox; onAgain: () => void }) => (
  <section className="card stack" aria-labelledby="found-h" aria-live="polite">
    <h2 id="found-h">
      {t('scan.boxFrom', { farm: box.farmName })} <StatusBadge status={box.status} />
    </h2>
    <p>
      {tx(box.access === 'open' ? 'scan.labelOpen' : 'scan.label', {
        serial: box.serial,
        code: (c) => <code>{c}</code>,
      })}
    </p>
    <div className="row">
      <Link className="button" to={`/partner/shipments/${encodeURIComponent(box.shipmentId)}`}>
        {box.status === 'assigned'
          ? t('scan.openPickUp')
          : box.status === 'out_for_delivery'
            ? t('scan.openDeliver')
            : t('scan.openBox')}
      </Link>
      <button type="button" className="button secondary" onClick={onAgain}>
        {t('scan.another')}
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
    <Page title={t('scan.title')} intro={t('scan.intro')}>
      <div className="stack">
        {camera.state === 'off' ? (
          <p className="state state-error" role="alert">
            {t(CAMERA_OFF[camera.reason])}
          </p>
        ) : (
          <video
            ref={video}
            muted
            playsInline
            aria-label={t('scan.cameraAria')}
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
            ? t('scan.starting')
            : camera.state === 'on' && !found
              ? look.busy
                ? t('scan.lookingUp')
                : notOurs
                  ? t('scan.notOurs')
                  : t('scan.looking')
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
              {t('scan.again')}
            </button>
          </div>
        ) : null}
        <Form
          className="row card"
          onSubmit={() => {
            if (typedSerial) lookUp(typedSerial);
          }}
        >
          <Field
            label={t('scan.code')}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            aria-invalid={typed !== '' && !typedSerial}
            hint={typed !== '' && !typedSerial ? t('scan.codeHint') : undefined}
            autoCapitalize="characters"
          />
          <button type="submit" className="button secondary" disabled={!typedSerial || look.busy}>
            {t('scan.find')}
          </button>
        </Form>
      </div>
    </Page>
  );
};
