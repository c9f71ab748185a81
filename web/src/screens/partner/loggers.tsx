import { useState } from 'react';
import { fieldErrors } from '../../api/client';
import { loggers } from '../../api/loggers';
import type { Device, RegisteredDevice } from '../../api/types';
import { Field, SelectField } from '../../components/field';
import { Page } from '../../components/page';
import { Async, Empty, ErrorMessage } from '../../components/states';
import { formatDateTime } from '../../lib/format';
import { Link } from '../../lib/router';
import { useAction } from '../../lib/use-action';
import { useAsync } from '../../lib/use-async';

export const KIND_LABEL: Record<Device['kind'], string> = {
  crate: 'In a crate (travels with one box)',
  vehicle: 'In the vehicle (with every box it carries)',
};
const SERIAL = /^[\w.:/-]+$/;

/** What the form checks before sending (the service checks the same and names the field). */
const check = (label: string, serial: string): Record<string, string> => ({
  ...(label.trim() ? {} : { label: 'Give the logger a name you recognise, e.g. “Blue crate”.' }),
  ...(serial.trim() && !SERIAL.test(serial.trim())
    ? { serial: 'Use the letters, digits and . : / - _ printed on the logger, without spaces.' }
    : {}),
});

/** Registration: the logger gets an id and a secret, shown once, for the logger's own settings. */
const RegisterForm = ({ onRegistered }: { onRegistered: (d: RegisteredDevice) => void }) => {
  const [kind, setKind] = useState<Device['kind']>('crate');
  const [label, setLabel] = useState('');
  const [serial, setSerial] = useState('');
  const [tried, setTried] = useState(false);
  const act = useAction();
  const local = tried ? check(label, serial) : {};
  const service = fieldErrors(act.error);
  const errors = { ...service, ...local };
  return (
    <form
      className="card stack"
      noValidate
      aria-labelledby="register-h"
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if (Object.keys(check(label, serial)).length) return;
        void act.run(async () => {
          const d = await loggers.register({
            kind,
            label: label.trim(),
            ...(serial.trim() ? { serial: serial.trim() } : {}),
          });
          setLabel('');
          setSerial('');
          setTried(false);
          onRegistered(d);
        });
      }}
    >
      <h2 id="register-h">Register a logger</h2>
      <Field
        label="Name"
        value={label}
        maxLength={100}
        error={errors.label}
        hint="How you know it, e.g. “Blue crate” or “Van 2”"
        onChange={(e) => setLabel(e.target.value)}
      />
      <Field
        label="Serial number (optional)"
        value={serial}
        maxLength={64}
        error={errors.serial}
        hint="As printed on the logger"
        autoCapitalize="characters"
        onChange={(e) => setSerial(e.target.value)}
      />
      <SelectField
        label="Where it rides"
        value={kind}
        onChange={(e) => setKind(e.target.value as Device['kind'])}
      >
        {Object.entries(KIND_LABEL).map(([k, text]) => (
          <option key={k} value={k}>
            {text}
          </option>
        ))}
      </SelectField>
      {act.error ? <ErrorMessage error={act.error} shown={Object.keys(service)} /> : null}
      <div>
        <button type="submit" className="button" disabled={act.busy} aria-busy={act.busy}>
          Register
        </button>
      </div>
    </form>
  );
};

/** The secret, once: the logger needs it, and it is never shown again. */
const JustRegistered = ({ d }: { d: RegisteredDevice }) => (
  <section className="card stack ok-card" role="status" aria-labelledby="registered-h">
    <h2 id="registered-h">{d.label} is registered</h2>
    <p>
      Enter these in the logger’s settings now: the secret is shown only this once. It sends its readings with{' '}
      <code className="breakable">
        Authorization: Device {d.deviceId}:{'<secret>'}
      </code>
      .
    </p>
    <dl className="facts">
      <dt>Logger id</dt>
      <dd>
        <code className="breakable">{d.deviceId}</code>
      </dd>
      <dt>Secret</dt>
      <dd>
        <code className="breakable">{d.secret}</code>
      </dd>
    </dl>
    <p className="small muted">Attach it to a shipment from the shipment’s page once you have claimed it.</p>
  </section>
);

/** The partner's temperature loggers: register one, see them all; attaching happens on a shipment's page. */
export const LoggersScreen = () => {
  const state = useAsync('loggers', () => loggers.mine());
  const [registered, setRegistered] = useState<RegisteredDevice | null>(null);
  return (
    <Page
      title="Temperature loggers"
      intro={
        <>
          Loggers measure the temperature on the way; attach one to a shipment on its page. ·{' '}
          <Link to="/partner">All shipments</Link>
        </>
      }
    >
      <div className="stack">
        {registered ? <JustRegistered d={registered} /> : null}
        <RegisterForm
          onRegistered={(d) => {
            setRegistered(d);
            state.reload();
          }}
        />
        <section aria-labelledby="mine-h" className="stack">
          <h2 id="mine-h">Your loggers</h2>
          <Async state={state} what="Loading your loggers">
            {({ devices }) =>
              devices.length === 0 ? (
                <Empty>
                  <p>No logger registered yet.</p>
                </Empty>
              ) : (
                <ul className="plain stack" aria-label="Your loggers">
                  {devices.map((d) => (
                    <li key={d.deviceId} className="card">
                      <strong>{d.label}</strong>
                      <p className="small muted breakable">
                        {d.serial ? `Serial ${d.serial} · ` : ''}
                        {d.kind === 'crate' ? 'In a crate' : 'In the vehicle'} · registered{' '}
                        {formatDateTime(d.createdAt)}
                      </p>
                    </li>
                  ))}
                </ul>
              )
            }
          </Async>
        </section>
      </div>
    </Page>
  );
};
