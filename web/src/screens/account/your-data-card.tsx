import { useState } from 'react';
import { identity } from '../../api/identity';
import { AccountFormProblem, accountProblem, Done, FormProblem, PasswordField, useAccountForm } from './form-bits';
import { collectMyData, saveJson } from './your-data';
import { Form, SubmitButton } from '../../components/form';
import { t } from '../../i18n';

/**
 * Your data, your account: download what FieldToTable holds about me (one JSON file), and delete my account after
 * a confirmation with the password. Orders stay for the farms' and the platform's accounts, without name, address
 * and phone.
 */
export const YourDataCard = ({ onDeleted }: { onDeleted: () => void }) => {
  const download = useAccountForm();
  const remove = useAccountForm();
  const [downloaded, setDownloaded] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [password, setPassword] = useState('');

  const save = () => {
    setDownloaded(false);
    void download.run(async () => {
      const data = await collectMyData();
      saveJson(data, `fieldtotable-my-data-${data.exportedAt.slice(0, 10)}.json`);
      setDownloaded(true);
    });
  };
  const submit = () => {
    void remove.run(async () => {
      await identity.deleteAccount(password);
      setPassword('');
      onDeleted();
    });
  };

  return (
    <section className="card stack" aria-labelledby="your-data-title">
      <h2 id="your-data-title">{t('data.title')}</h2>
      <p>{t('data.text')}</p>
      <button
        type="button"
        className="button"
        onClick={save}
        disabled={download.busy}
        aria-busy={download.busy}
      >
        {t('data.download')}
      </button>
      {download.error ? <FormProblem>{accountProblem(download.error)}</FormProblem> : null}
      {downloaded ? (
        <Done>
          <p>{t('data.downloaded')}</p>
        </Done>
      ) : null}
      <h3>{t('data.deleteTitle')}</h3>
      <p>{t('data.deleteText')}</p>
      {confirming ? (
        <Form ref={remove.form} className="form stack" onSubmit={submit}>
          <PasswordField
            label={t('data.password')}
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={remove.fields.password}
          />
          <AccountFormProblem form={remove} />
          <div className="row">
            <SubmitButton busy={remove.busy} className="button danger">
              {t('data.yesDelete')}
            </SubmitButton>
            <button type="button" className="button secondary" onClick={() => setConfirming(false)}>
              {t('data.keep')}
            </button>
          </div>
        </Form>
      ) : (
        <button type="button" className="button danger" onClick={() => setConfirming(true)}>
          {t('data.delete')}
        </button>
      )}
    </section>
  );
};
