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

const STATE_TEXT: Record<Application['state'], string> = {
  submitted: 'Waiting for an operator',
  approved: 'Approved',
  rejected: 'Not approved',
};

const ApplicationCard = ({ a }: { a: Application }) => (
  <li className="card stack">
    <div className="spread">
      <h3>{a.kind === 'farm' ? `Sell: ${a.farm?.name ?? ''}` : `Deliver: ${a.partner?.name ?? ''}`}</h3>
      <span className={`badge ${a.state === 'approved' ? 'badge-ok' : a.state === 'rejected' ? 'badge-bad' : ''}`}>
        {STATE_TEXT[a.state]}
      </span>
    </div>
    <p className="muted small">Sent {formatDateTime(a.submittedAt)}</p>
    {a.decision ? (
      <p className="small">
        {a.state === 'approved' ? 'Approved' : 'Not approved'} {formatDateTime(a.decision.at)}: {a.decision.reason}
      </p>
    ) : null}
    {a.state === 'approved' ? (
      <p>
        {a.kind === 'farm' ? (
          <Link to="/farmer">Open your farm and list your produce</Link>
        ) : (
          <Link to="/partner">Go to your deliveries</Link>
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
    <form
      className="card stack"
      aria-labelledby="sell-h"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
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
      <h2 id="sell-h">Sell on FieldToTable</h2>
      <p className="muted small">Tell us about your farm. An operator checks it (and your certificates) before you sell.</p>
      <Field label="Farm name" value={f.name} maxLength={120} required onChange={set('name')} />
      <Field label="Region" value={f.region} maxLength={60} required onChange={set('region')} hint="e.g. Gelderland" />
      <TextArea label="About the farm" value={f.description} maxLength={2000} required onChange={set('description')} />
      <Field label="Certification (optional)" value={f.certName} maxLength={80} onChange={set('certName')} hint="e.g. EU organic (SKAL)" />
      <Field
        label="Link to the certificate document"
        value={f.certDoc}
        maxLength={500}
        onChange={set('certDoc')}
        hint="Where the operator can read the certificate"
      />
      {error ? <ErrorMessage error={error} /> : null}
      <div>
        <button type="submit" className="button" disabled={busy} aria-busy={busy}>
          Send application to sell
        </button>
      </div>
    </form>
  );
};

const DeliverForm = ({ onSent }: { onSent: () => void }) => {
  const [name, setName] = useState('');
  const [regions, setRegions] = useState('');
  const { busy, error, run } = useAction();
  return (
    <form
      className="card stack"
      aria-labelledby="deliver-h"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
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
      <h2 id="deliver-h">Deliver for FieldToTable</h2>
      <p className="muted small">Carry boxes from farms to people in your regions. An operator approves you first.</p>
      <Field label="Company or partner name" value={name} maxLength={120} required onChange={(e) => setName(e.target.value)} />
      <Field
        label="Regions you serve"
        value={regions}
        maxLength={600}
        required
        onChange={(e) => setRegions(e.target.value)}
        hint="Comma-separated, e.g. Utrecht, Gelderland"
      />
      {error ? <ErrorMessage error={error} /> : null}
      <div>
        <button type="submit" className="button" disabled={busy} aria-busy={busy}>
          Send application to deliver
        </button>
      </div>
    </form>
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
    <Page title="Sell or deliver with FieldToTable" intro="Apply once; an operator answers, usually within a day.">
      <section aria-labelledby="mine-h" className="stack">
        <h2 id="mine-h">Your applications</h2>
        <Async state={mine} what="Loading your applications">
          {(p) =>
            p.items.length === 0 ? (
              <p className="muted">You have not applied yet.</p>
            ) : (
              <ul className="plain stack" aria-label="Your applications">
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
