import { useState, type ReactNode } from 'react';
import { Async, Empty } from '../../components/states';
import { formatDateTime } from '../../lib/format';
import type { AsyncState } from '../../lib/use-async';
import { Pager } from './order-list';
import { ReasonForm } from './reason-form';
import { t } from '../../i18n';

interface Suspension {
  at: string;
  by: string;
  reason: string;
}

/**
 * Suspend or reinstate a farm or a partner: the button, then the reason form it opens (the audit trail keeps the
 * reason); `change` calls the service that owns it.
 */
export const SuspensionAction = ({
  name,
  suspended,
  change,
  onChanged,
  buttonClass = 'button secondary',
  rowClass,
}: {
  name: string;
  suspended: boolean;
  change: (action: 'suspend' | 'reinstate', reason: string) => Promise<unknown>;
  onChanged: () => void;
  buttonClass?: string;
  rowClass?: string;
}) => {
  const [open, setOpen] = useState(false);
  return open ? (
    <ReasonForm
      label={t(suspended ? 'suspension.reinstate' : 'suspension.suspend', { name })}
      danger={!suspended}
      submit={(reason) => change(suspended ? 'reinstate' : 'suspend', reason)}
      onDone={() => {
        setOpen(false);
        onChanged();
      }}
    />
  ) : (
    <div className={rowClass}>
      <button
        type="button"
        className={buttonClass}
        onClick={() => setOpen(true)}
        aria-label={t(suspended ? 'suspension.reinstateAria' : 'suspension.suspendAria', { name })}
      >
        {t(suspended ? 'suspension.reinstateButton' : 'suspension.suspendButton')}
      </button>
    </div>
  );
};

/**
 * A farm or a partner in the back office: whether it is suspended (since when, by whom, why) and the button that
 * opens the reason form to suspend or reinstate it; `change` calls the owning service, which audits it.
 */
export const SuspendableCard = ({
  title,
  name,
  suspended,
  meta,
  change,
  onChanged,
}: {
  title: ReactNode;
  name: string;
  suspended: Suspension | null | undefined;
  meta: ReactNode;
  change: (action: 'suspend' | 'reinstate', reason: string) => Promise<unknown>;
  onChanged: () => void;
}) => {
  return (
    <li className="card stack">
      <div className="spread">
        <h3>{title}</h3>
        <span className={`badge ${suspended ? 'badge-bad' : 'badge-ok'}`}>
          {t(suspended ? 'suspension.suspended' : 'suspension.active')}
        </span>
      </div>
      <p className="muted small">{meta}</p>
      {suspended ? (
        <p className="small">
          {t('suspension.suspendedSince', {
            time: formatDateTime(suspended.at),
            by: suspended.by,
            reason: suspended.reason,
          })}
        </p>
      ) : null}
      <SuspensionAction name={name} suspended={Boolean(suspended)} change={change} onChanged={onChanged} />
    </li>
  );
};

/** One page of a back-office list of cards, with the pager (`after` is the cursor of the page shown). */
export const PagedCards = <T,>({
  page,
  loading,
  none,
  label,
  after,
  setAfter,
  card,
}: {
  page: AsyncState<{ items: T[]; nextCursor: string | null }> & { reload: () => void };
  loading: string;
  none: string;
  label: string;
  after: string | undefined;
  setAfter: (cursor: string | undefined) => void;
  card: (item: T) => ReactNode;
}) => (
  <Async state={page} what={loading}>
    {(p) =>
      p.items.length === 0 ? (
        <Empty>
          <p>{none}</p>
        </Empty>
      ) : (
        <>
          <ul className="plain stack" aria-label={label}>
            {p.items.map(card)}
          </ul>
          <Pager next={p.nextCursor} paged={Boolean(after)} onNext={setAfter} onFirst={() => setAfter(undefined)} />
        </>
      )
    }
  </Async>
);
