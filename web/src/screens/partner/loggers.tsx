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
import { Form, SubmitButton } from '../../components/form';
import { t, tx } from '../../i18n';

export const KIND_LABEL: Record<Device['kind'], () => string> = {
  crate: () => t('loggers.crate'),
  vehicle: () => t('loggers.vehicle'),
};
const SERIAL = /^[\w.:/-]+$/;

/** What the form checks before sending (the service checks the same and names the field). */
const check = (label: string, serial: string): Record<string, string> => ({
  ...(label.trim() ? {} : { label: t('loggers.needName') }),
  ...(serial.trim() && !SERIAL.test(serial.trim()) ? { serial: t('loggers.badSerial') } : {}),
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
    <Form
      className="card stack"
      aria-labelledby="register-h"
      onSubmit={() => {
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
      <h2 id="register-h">{t('loggers.register')}</h2>
      <Field
        label={t('loggers.name')}
        value={label}
        maxLength={100}
        error={errors.label}
        hint={t('loggers.nameHint')}
        onChange={(e) => setLabel(e.target.value)}
      />
      <Field
        label={t('loggers.serial')}
        value={serial}
        maxLength={64}
        error={errors.serial}
        hint={t('loggers.serialHint')}
        autoCapitalize="characters"
        onChange={(e) => setSerial(e.target.value)}
      />
      <SelectField
        label={t('loggers.ridesWhere')}
        value={kind}
        onChange={(e) => setKind(e.target.value as Device['kind'])}
      >
        {Object.entries(KIND_LABEL).map(([k, text]) => (
          <option key={k} value={k}>
            {text()}
          </option>
        ))}
      </SelectField>
      {act.error ? <ErrorMessage error={act.error} shown={Object.keys(service)} /> : null}
      <div>
        <SubmitButton busy={act.busy}>
          {t('loggers.registerButton')}
        </SubmitButton>
      </div>
    </Form>
  );
};

/** The secret, once: the logger needs it, and it is never shown again. */
const JustRegistered = ({ d }: { d: RegisteredDevice }) => (
  <section className="card stack ok-card" role="status" aria-labelledby="registered-h">
    <h2 id="registered-h">{t('loggers.registered', { label: d.label })}</h2>
    <p>
      {tx('loggers.secretOnce', {
        header: `Authorization: Device ${d.deviceId}:<secret>`,
        code: (c) => <code className="breakable">{c}</code>,
      })}
    </p>
    <dl className="facts">
      <dt>{t('loggers.id')}</dt>
      <dd>
        <code className="breakable">{d.deviceId}</code>
      </dd>
      <dt>{t('loggers.secret')}</dt>
      <dd>
        <code className="breakable">{d.secret}</code>
      </dd>
    </dl>
    <p className="small muted">{t('loggers.attachLater')}</p>
  </section>
);

/** The partner's temperature loggers: register one, see them all; attaching happens on a shipment's page. */
export const LoggersScreen = () => {
  const state = useAsync('loggers', () => loggers.mine());
  const [registered, setRegistered] = useState<RegisteredDevice | null>(null);
  return (
    <Page
      title={t('loggers.title')}
      intro={tx('loggers.intro', { link: (c) => <Link to="/partner">{c}</Link> })}
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
          <h2 id="mine-h">{t('loggers.yours')}</h2>
          <Async state={state} what={t('loggers.loadingYours')}>
            {({ devices }) =>
              devices.length === 0 ? (
                <Empty>
                  <p>{t('loggers.none')}</p>
                </Empty>
              ) : (
                <ul className="plain stack" aria-label={t('loggers.yours')}>
                  {devices.map((d) => (
                    <li key={d.deviceId} className="card">
                      <strong>{d.label}</strong>
                      <p className="small muted breakable">
                        {d.serial ? `${t('loggers.serialOf', { serial: d.serial })} · ` : ''}
                        {d.kind === 'crate' ? t('loggers.crateShort') : t('loggers.vehicleShort')} ·{' '}
                        {t('loggers.registeredAt', { time: formatDateTime(d.createdAt) })}
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
