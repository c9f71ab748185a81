import { useState, type FormEvent } from 'react';
import { identity } from '../../api/identity';
import { accountProblem, Done, FormProblem, PasswordField, useAccountForm } from './form-bits';
import { collectMyData, saveJson } from './your-data';

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
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void remove.run(async () => {
      await identity.deleteAccount(password);
      setPassword('');
      onDeleted();
    });
  };

  return (
    <section className="card stack" aria-labelledby="your-data-title">
      <h2 id="your-data-title">Your data</h2>
      <p>Download what we hold about you: your account, your orders and your messages, as one JSON file.</p>
      <button
        type="button"
        className="button"
        onClick={save}
        disabled={download.busy}
        aria-busy={download.busy}
      >
        Download my data
      </button>
      {download.error ? <FormProblem>{accountProblem(download.error)}</FormProblem> : null}
      {downloaded ? (
        <Done>
          <p>Your data is downloaded.</p>
        </Done>
      ) : null}
      <h3>Delete your account</h3>
      <p>
        Your account, your sign-ins and your messages are deleted. Your orders stay in the farms’ and our
        accounts, without your name, address and phone. This cannot be undone.
      </p>
      {confirming ? (
        <form ref={remove.form} className="form stack" onSubmit={submit} noValidate>
          <PasswordField
            label="Your password, to confirm"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={remove.fields.password}
          />
          {remove.error ? (
            <FormProblem>{accountProblem(remove.error, {}, Object.keys(remove.fields))}</FormProblem>
          ) : null}
          <div className="row">
            <button type="submit" className="button danger" disabled={remove.busy} aria-busy={remove.busy}>
              Yes, delete my account
            </button>
            <button type="button" className="button secondary" onClick={() => setConfirming(false)}>
              Keep my account
            </button>
          </div>
        </form>
      ) : (
        <button type="button" className="button danger" onClick={() => setConfirming(true)}>
          Delete my account
        </button>
      )}
    </section>
  );
};
