import { useState } from 'react';
import { Field } from '../../components/field';
import { ErrorMessage } from '../../components/states';
import { useAction } from '../../lib/use-action';
import { Form, SubmitButton } from '../../components/form';
import { t } from '../../i18n';

/**
 * "Invite a packer" / "Invite a driver": one email address; identity mails the invitation, which the person accepts
 * after signing up or in with that address.
 */
export const InviteForm = ({
  title,
  what,
  send,
}: {
  title: string;
  /** "packer" or "driver": the role the invited person gets. */
  what: 'packer' | 'driver';
  send: (email: string) => Promise<unknown>;
}) => {
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState<string | null>(null);
  const { busy, error, run } = useAction();
  const headingId = `invite-${what}-h`;
  return (
    <section className="card stack" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      <p className="muted small">
        {t('invite.intro', { what })}
      </p>
      <Form
        className="stack"
        onSubmit={() => {
          const to = email.trim();
          void run(() => send(to)).then((ok) => {
            if (ok) {
              setSent(to);
              setEmail('');
            }
          });
        }}
      >
        <Field
          label={t('invite.email', { what })}
          type="email"
          autoComplete="off"
          value={email}
          maxLength={254}
          required
          onChange={(e) => setEmail(e.target.value)}
        />
        {error ? <ErrorMessage error={error} /> : null}
        {sent ? (
          <p className="state state-ok" role="status">
            {t('invite.sent', { email: sent })}
          </p>
        ) : null}
        <div>
          <SubmitButton busy={busy} className="button secondary">
            {t('invite.send')}
          </SubmitButton>
        </div>
      </Form>
    </section>
  );
};
