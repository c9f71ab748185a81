import { useEffect, useState } from 'react';
import { onboarding } from '../../api/onboarding';
import type { Application } from '../../api/types';
import { useSession } from '../../auth/session';
import { Field, TextArea } from '../../components/field';
import { Page } from '../../components/page';
import { Async, ErrorMessage } from '../../components/states';
import { formatDateTime } from '../../lib/format';
import { Link } from '../../lib/router';
import { useAction } from '../../lib/use-action';
import { useAsync } from '../../lib/use-async';
import { Form, SubmitButton } from '../../components/form';
import { t, type MessageId } from '../../i18n';

const STATE_TEXT: Record<Application['state'], MessageId> = {
  submitted: 'apply.stateSubmitted',
  approved: 'apply.stateApproved',
  rejected: 'apply.stateRejected',
};

const ApplicationCard = ({ a }: { a: Application }) => (
  <li className="card stack">
    <div className="spread">
      <h3>
        {a.kind === 'farm'
          ? t('apply.sellTitle', { name: a.farm?.name ?? '' })
          : t('apply.deliverTitle', { name: a.partner?.name ?? '' })}
      </h3>
      <span className={`badge ${a.state === 'approved' ? 'badge-ok' : a.state === 'rejected' ? 'badge-bad' : ''}`}>
        {t(STATE_TEXT[a.state])}
      </span>
    </div>
    <p className="muted small">{t('apply.sent', { time: formatDateTime(a.submittedAt) })}</p>
    {a.decision ? (
      <p className="small">
        {t(a.state === 'approved' ? 'apply.approvedAt' : 'apply.rejectedAt', {
          time: formatDateTime(a.decision.at),
          reason: a.decision.reason,
        })}
      </p>
    ) : null}
    {a.state === 'approved' ? (
      <p>
        {a.kind === 'farm' ? (
          <Link to="/farmer">{t('apply.openFarm')}</Link>
        ) : (
          <Link to="/partner">{t('apply.goDeliveries')}</Link>
        )}
      </p>
    ) : null}
  </li>
);

const SellForm = ({ onSent }: { onSent: () => void }) => {
  const [f, setF] = useState({ name: '', region: '', description: '', certName: '', certDoc: '' });
  const { busy, error, run } = useAction();
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  return (
    <Form
      className="card stack"
      aria-labelledby="sell-h"
      onSubmit={() => {
        const certifications = f.certName.trim()
          ? [{ name: f.certName.trim(), documentRef: f.certDoc.trim() }]
          : [];
        void run(() =>
          onboarding.applyToSell({ name: f.name, region: f.region, description: f.description, certifications }),
        ).then((ok) => {
          if (!ok) return;
          setF({ name: '', region: '', description: '', certName: '', certDoc: '' });
          onSent();
        });
      }}
    >
      <h2 id="sell-h">{t('apply.sellH')}</h2>
      <p className="muted small">{t('apply.sellIntro')}</p>
      <Field label={t('apply.farmName')} value={f.name} maxLength={120} required onChange={set('name')} />
      <Field
        label={t('apply.region')}
        value={f.region}
        maxLength={60}
        required
        onChange={set('region')}
        hint={t('apply.regionHint')}
      />
      <TextArea
        label={t('apply.about')}
        value={f.description}
        maxLength={2000}
        required
        onChange={set('description')}
      />
      <Field
        label={t('apply.cert')}
        value={f.certName}
        maxLength={80}
        onChange={set('certName')}
        hint={t('apply.certHint')}
      />
      <Field
        label={t('apply.certDoc')}
        value={f.certDoc}
        maxLength={500}
        onChange={set('certDoc')}
        hint={t('apply.certDocHint')}
      />
      {error ? <ErrorMessage error={error} /> : null}
      <div>
        <SubmitButton busy={busy}>
          {t('apply.sendSell')}
        </SubmitButton>
      </div>
    </Form>
  );
};

const DeliverForm = ({ onSent }: { onSent: () => void }) => {
  const [name, setName] = useState('');
  const [regions, setRegions] = useState('');
  const { busy, error, run } = useAction();
  return (
    <Form
      className="card stack"
      aria-labelledby="deliver-h"
      onSubmit={() => {
        const list = regions
          .split(',')
          .map((r) => r.trim())
          .filter(Boolean);
        void run(() => onboarding.applyToDeliver({ name, regions: list })).then((ok) => {
          if (!ok) return;
          setName('');
          setRegions('');
          onSent();
        });
      }}
    >
      <h2 id="deliver-h">{t('apply.deliverH')}</h2>
      <p className="muted small">{t('apply.deliverIntro')}</p>
      <Field
        label={t('apply.partnerName')}
        value={name}
        maxLength={120}
        required
        onChange={(e) => setName(e.target.value)}
      />
      <Field
        label={t('apply.regions')}
        value={regions}
        maxLength={600}
        required
        onChange={(e) => setRegions(e.target.value)}
        hint={t('apply.regionsHint')}
      />
      {error ? <ErrorMessage error={error} /> : null}
      <div>
        <SubmitButton busy={busy}>
          {t('apply.sendDeliver')}
        </SubmitButton>
      </div>
    </Form>
  );
};

/**
 * /apply: a signed-in person asks to sell (a farm) or to deliver (a logistics partner) and follows their
 * applications. Each visit takes a fresh token, so an approval shows in the header's places at once.
 */
export const ApplyScreen = () => {
  const { adopt } = useSession();
  const mine = useAsync('my-applications', () => onboarding.mine());
  useEffect(() => {
    void adopt().catch(() => undefined);
  }, [adopt]);
  return (
    <Page title={t('apply.title')} intro={t('apply.intro')}>
      <section aria-labelledby="mine-h" className="stack">
        <h2 id="mine-h">{t('apply.yours')}</h2>
        <Async state={mine} what={t('apply.loading')}>
          {(p) =>
            p.items.length === 0 ? (
              <p className="muted">{t('apply.none')}</p>
            ) : (
              <ul className="plain stack" aria-label={t('apply.yours')}>
                {p.items.map((a) => (
                  <ApplicationCard key={a.applicationId} a={a} />
                ))}
              </ul>
            )
          }
        </Async>
      </section>
      <div className="grid two">
        <SellForm onSent={mine.reload} />
        <DeliverForm onSent={mine.reload} />
      </div>
    </Page>
  );
};
