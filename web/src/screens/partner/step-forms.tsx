import { useState, type ReactNode } from 'react';
import type { PartnerShipment } from '../../api/types';
import { fieldErrors } from '../../api/client';
import { limitOf } from '../../api/limits';
import { Field, limitProps, TextArea } from '../../components/field';
import { ErrorMessage } from '../../components/states';
import { useAction } from '../../lib/use-action';
import { ProofField } from './proof-field';
import { t } from '../../i18n';
import { Form } from '../../components/form';
import { humanize } from '../../lib/format';
import { recordStep, useOutbox } from '../../offline/outbox';
import type { StepBody } from '../../offline/steps';

/**
 * Runs a step; resolves true when it was recorded or kept on the phone to send later (errors are shown by
 * StepForms).
 */
type Run = (step: StepBody) => Promise<boolean>;

const CHECKPOINT = 'logistics POST /shipments/{shipmentId}/checkpoints' as const;
const NOTE_MAX = limitOf(CHECKPOINT, 'note').maxLength ?? 500;
const REASON_MAX = limitOf('logistics POST /shipments/{shipmentId}/fail', 'reason').maxLength ?? 500;

/** "12 of 500 characters": a limit the writer sees before reaching it, never a silent cut. */
const counted = (text: string, max: number) => t('step.chars', { n: text.length, max });

/** One action: a form with a big submit button; busy and error states are handled by the parent. */
const StepForm = ({
  title,
  label,
  onSubmit,
  children,
  tone = '',
}: {
  title: string;
  label: string;
  onSubmit: () => void;
  children?: ReactNode;
  tone?: string;
}) => (
  <Form
    className="card step-card stack"
    aria-label={title}
    onSubmit={() => {
      onSubmit();
    }}
  >
    <h2>{title}</h2>
    {children}
    <button type="submit" className={`button block big-button ${tone}`}>
      {label}
    </button>
  </Form>
);

const CheckpointForm = ({ s, run, error }: { s: PartnerShipment; run: Run; error: unknown }) => {
  const [place, setPlace] = useState('');
  const [temp, setTemp] = useState('');
  const [note, setNote] = useState('');
  const deg = temp.trim() === '' ? undefined : Number(temp.replace(',', '.'));
  const out = deg !== undefined && (deg < s.coldChain.minC || deg > s.coldChain.maxC);
  const notANumber = deg !== undefined && Number.isNaN(deg);
  const errs = fieldErrors(error);
  const range = { min: s.coldChain.minC, max: s.coldChain.maxC };
  return (
    <StepForm
      title={t('step.checkpointTitle')}
      label={t('step.checkpointSave')}
      onSubmit={() =>
        notANumber ||
        void run({
          action: 'checkpoints',
          body: {
            place: place.trim(),
            ...(deg !== undefined ? { temperatureC: deg } : {}),
            ...(note.trim() ? { note: note.trim() } : {}),
          },
        }).then((ok) => {
          if (!ok) return;
          setPlace('');
          setTemp('');
          setNote('');
        })
      }
    >
      <Field
        label={t('step.place')}
        required
        value={place}
        onChange={(e) => setPlace(e.target.value)}
        autoComplete="off"
        error={errs.place}
        {...limitProps(limitOf(CHECKPOINT, 'place'))}
      />
      <Field
        label={t('step.temperature')}
        inputMode="decimal"
        value={temp}
        onChange={(e) => setTemp(e.target.value)}
        hint={out ? t('step.outside', range) : t('step.keepBetween', range)}
        error={notANumber ? t('step.notANumber') : errs.temperatureC}
      />
      <TextArea
        label={t('step.noteOptional')}
        rows={2}
        maxLength={NOTE_MAX}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        hint={counted(note, NOTE_MAX)}
        error={errs.note}
      />
    </StepForm>
  );
};

const ReasonForm = ({
  title,
  label,
  onReason,
}: {
  title: string;
  label: string;
  onReason: (reason: string) => void;
}) => {
  const [reason, setReason] = useState('');
  return (
    <details className="card">
      <summary>{title}</summary>
      <Form
        className="stack"
        onSubmit={() => {
          onReason(reason.trim());
        }}
      >
        <TextArea
          label={t('step.reason')}
          required
          rows={2}
          maxLength={REASON_MAX}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          hint={counted(reason, REASON_MAX)}
        />
        <button type="submit" className="button danger">
          {label}
        </button>
      </Form>
    </details>
  );
};

const DeliverForm = ({ s, run }: { s: PartnerShipment; run: Run }) => {
  const [recipient, setRecipient] = useState(s.dropoff.contactName);
  const [proof, setProof] = useState('');
  return (
    <StepForm
      title={t('step.handOver')}
      label={t('step.delivered')}
      onSubmit={() =>
        void run({ action: 'deliver', body: { recipientName: recipient.trim(), proofRef: proof.trim() } })
      }
    >
      <Field
        label={t('step.receivedBy')}
        required
        {...limitProps(limitOf('logistics POST /shipments/{shipmentId}/deliver', 'recipientName'))}
        value={recipient}
        onChange={(e) => setRecipient(e.target.value)}
      />
      <ProofField value={proof} onChange={setProof} />
    </StepForm>
  );
};

/** The next steps a shipment allows in its status. */
export const StepForms = ({
  shipment: s,
  onChange,
}: {
  shipment: PartnerShipment;
  onChange: (s: PartnerShipment) => void;
}) => {
  const action = useAction();
  const { busy, error } = action;
  // kept on the phone: the screen shows it waiting (the shipment as its queued steps make it) until it is sent
  const [kept, setKept] = useState(false);
  const waiting = useOutbox().steps.some((q) => q.shipmentId === s.shipmentId && !q.refused);
  const run: Run = (step) =>
    action.run(async () => {
      const r = await recordStep(s.shipmentId, step);
      setKept(r.queued);
      if (!r.queued) onChange(r.shipment);
    });
  const go = (step: StepBody) => void run(step);
  // Steps more than one status offers.
  const checkpoint = <CheckpointForm s={s} run={run} error={error} />;
  const outForDelivery = (title: string, label: string) => (
    <StepForm title={title} label={label} onSubmit={() => go({ action: 'out-for-delivery' })} />
  );
  const returnToFarm = (
    <ReasonForm
      title={t('step.returnTitle')}
      label={t('step.returnButton')}
      onReason={(reason) => go({ action: 'return', body: { reason } })}
    />
  );

  let steps: ReactNode = null;
  switch (s.status) {
    case 'assigned':
      steps = (
        <StepForm
          title={t('step.pickUpAt', { farm: s.farmName })}
          label={t('step.pickedUp')}
          onSubmit={() => go({ action: 'pickup' })}
        />
      );
      break;
    case 'picked_up':
      steps = (
        <>
          {checkpoint}
          {outForDelivery(t('step.lastStretch'), t('step.outForDelivery'))}
          {returnToFarm}
        </>
      );
      break;
    case 'out_for_delivery':
      steps = (
        <>
          <DeliverForm s={s} run={run} />
          {checkpoint}
          <ReasonForm
            title={t('step.couldNotDeliver')}
            label={t('step.deliveryFailed')}
            onReason={(reason) => go({ action: 'fail', body: { reason } })}
          />
        </>
      );
      break;
    case 'delivery_failed':
      steps = (
        <>
          {outForDelivery(t('step.tryAgain'), t('step.outAgain'))}
          {returnToFarm}
        </>
      );
      break;
    case 'delivered':
      steps = <p className="lead ok-text">{t('step.thanks')}</p>;
      break;
    default:
      steps = <p className="lead">{t('step.nothingMore', { status: humanize(s.status).toLowerCase() })}</p>;
  }
  return (
    <div className="stack" aria-busy={busy}>
      {error ? <ErrorMessage error={error} shown={Object.keys(fieldErrors(error))} /> : null}
      {kept && waiting && !error ? (
        <p className="state" role="status">
          {t('outbox.kept')}
        </p>
      ) : null}
      <fieldset className="plain-fieldset" disabled={busy}>
        {steps}
      </fieldset>
    </div>
  );
};
