import { useState } from 'react';
import { delivery, downloadPdf } from '../../api/delivery';
import type { Run } from '../../api/types';
import { StatusBadge } from '../../components/bits';
import { Field } from '../../components/field';
import { Page } from '../../components/page';
import { RouteSketch } from '../../components/route-sketch';
import { Async, ErrorMessage } from '../../components/states';
import { fieldErrors } from '../../api/client';
import { formatDate } from '../../lib/format';
import { useAction } from '../../lib/use-action';
import { useAsync } from '../../lib/use-async';
import { DropPhotoField } from './drop-photo-field';
import { StopLinks } from './stop-links';
import { quantityText } from '../../lib/format';
import { BusyButton, Form, SubmitButton } from '../../components/form';
import { t } from '../../i18n';

type Stop = Run['stops'][number];

const place = (s: Stop) =>
  'line1' in s.address
    ? `${s.address.line1}, ${s.address.city}`
    : `${s.address.postalCode} ${s.address.city}`;

/** The next stop's one action: the scan of all the farm's boxes, or the drop with who received it. */
const NextStop = ({ run, stop, onDone }: { run: Run; stop: Stop; onDone: (r: Run) => void }) => {
  const act = useAction();
  const [recipient, setRecipient] = useState('');
  const [proof, setProof] = useState('');
  const [photoId, setPhotoId] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  // the form's own messages (noValidate: never the browser's bubbles), the service's for what it refuses
  const local = {
    ...(recipient.trim() ? {} : { recipientName: t('run.needRecipient') }),
    ...(proof.trim() || photoId ? {} : { proofRef: t('run.needProof') }),
  };
  const errors = { ...fieldErrors(act.error), ...(tried ? local : {}) };
  if (stop.kind === 'pickup') {
    return (
      <div className="stack">
        {act.error ? <ErrorMessage error={act.error} /> : null}
        <BusyButton
          busy={act.busy}
          className="button block"
          onClick={() => void act.run(async () => onDone(await delivery.pickup(run.runId, stop.seq)))}
        >
          {stop.boxes === 1
            ? t('run.scanOne', { place: stop.label })
            : t('run.scanAll', { n: stop.boxes, place: stop.label })}
        </BusyButton>
      </div>
    );
  }
  return (
    <Form
      className="stack"
      onSubmit={() => {
        setTried(true);
        if (Object.keys(local).length) return;
        void act.run(async () =>
          onDone(
            await delivery.drop(run.runId, stop.seq, {
              recipientName: recipient.trim(),
              ...(proof.trim() ? { proofRef: proof.trim() } : {}),
              ...(photoId ? { photoId } : {}),
            }),
          ),
        );
      }}
    >
      <Field
        label={t('run.receivedBy')}
        required
        maxLength={200}
        error={errors.recipientName}
        value={recipient}
        onChange={(e) => setRecipient(e.target.value)}
      />
      <DropPhotoField runId={run.runId} seq={stop.seq} onPhoto={setPhotoId} />
      <Field
        label={photoId ? t('run.proofOptional') : t('run.proofNeeded')}
        required={!photoId}
        maxLength={200}
        error={errors.proofRef}
        value={proof}
        onChange={(e) => setProof(e.target.value)}
      />
      {act.error ? <ErrorMessage error={act.error} shown={Object.keys(fieldErrors(act.error))} /> : null}
      <SubmitButton busy={act.busy} className="button block">
        {t('run.drop', { boxes: quantityText(stop.boxes, 'box'), place: stop.label })}
      </SubmitButton>
    </Form>
  );
};

/** A claimed run: the stops as an ordered list and a route sketch, the next stop's action, and the printable sheet. */
export const RunScreen = ({ runId }: { runId: string }) => {
  const state = useAsync(`run:${runId}`, () => delivery.run(runId));
  const sheet = useAction();
  return (
    <Page title={t('run.title')} intro={t('run.intro')}>
      <Async state={state} what={t('run.loading')}>
        {(run) => {
          const next = run.stops[run.next];
          return (
            <div className="stack">
              <div className="spread">
                <p>
                  <strong>
                    {run.region}, {formatDate(run.day)}
                  </strong>{' '}
                  ·{' '}
                  {t('run.summary', {
                    boxes: quantityText(run.boxes, 'box'),
                    km: run.lengthKm,
                    naive: run.naiveLengthKm,
                  })}
                </p>
                <StatusBadge status={run.status} />
              </div>
              <RouteSketch run={run} />
              <BusyButton
                busy={sheet.busy}
                className="button secondary"
                onClick={() =>
                  void sheet.run(() =>
                    downloadPdf(
                      'logistics',
                      `/runs/${encodeURIComponent(run.runId)}/sheet.pdf`,
                      `run-${run.day}.pdf`,
                    ),
                  )
                }
              >
                {t('run.sheet')}
              </BusyButton>
              {sheet.error ? <ErrorMessage error={sheet.error} /> : null}
              {next && run.status !== 'open' ? (
                <section className="card next-stop" aria-labelledby="next-h">
                  <h2 id="next-h">
                    {t(next.kind === 'pickup' ? 'run.nextPickup' : 'run.nextDrop', {
                      n: next.seq + 1,
                      place: next.label,
                    })}
                  </h2>
                  <p className="small">
                    {place(next)} · {t('run.planned', { eta: next.eta })}
                    {next.window ? ` · ${t('run.open', next.window)}` : ''}
                    {next.contact ? ` · ${t('run.for', { contact: next.contact })}` : ''}
                  </p>
                  <p className="small">
                    <StopLinks stop={next} name={t('run.stopName', { n: next.seq + 1, place: next.label })} />
                  </p>
                  <NextStop key={next.seq} run={run} stop={next} onDone={(r) => state.set(r)} />
                </section>
              ) : run.status === 'completed' ? (
                <p className="card" role="status">
                  {t('run.completed')}
                </p>
              ) : null}
              <h2>{t('run.stops')}</h2>
              <ol className="stack stops" aria-label={t('run.stopsInOrder')}>
                {run.stops.map((s) => (
                  <li key={s.seq} className={`card stop ${s.status}`}>
                    <div className="spread">
                      <strong>
                        {t(s.kind === 'pickup' ? 'run.stopPickup' : 'run.stopDrop', {
                          eta: s.eta,
                          boxes: quantityText(s.boxes, 'box'),
                          place: s.label,
                        })}
                      </strong>
                      <StatusBadge status={s.status === 'done' ? 'done' : 'pending'} />
                    </div>
                    <p className="small muted">
                      {place(s)}
                      {s.window ? ` · ${t('run.open', s.window)}` : ''}
                      {s.skipped.length
                        ? ` · ${t('run.skipped', { boxes: quantityText(s.skipped.length, 'box') })}`
                        : ''}
                    </p>
                    {s.status === 'pending' ? (
                      <p className="small">
                        <StopLinks stop={s} name={t('run.stopName', { n: s.seq + 1, place: s.label })} />
                      </p>
                    ) : null}
                  </li>
                ))}
              </ol>
            </div>
          );
        }}
      </Async>
    </Page>
  );
};
