import { useState, type FormEvent } from 'react';
import { notifications } from '../../api/notifications';
import type { NotificationChannel, NotificationKind, NotificationProfile } from '../../api/types';
import { Field, SelectField } from '../../components/field';
import { Page } from '../../components/page';
import { Async, ErrorMessage } from '../../components/states';
import { Link } from '../../lib/router';
import { useAsync } from '../../lib/use-async';

const KIND_LABELS: Record<NotificationKind, string> = {
  order_confirmed: 'Order confirmed (with tracking codes)',
  order_cancelled: 'Order cancelled',
  cancel_accepted: 'Cancellation accepted',
  cancel_refused: 'Cancellation refused',
  out_for_delivery: 'Out for delivery',
  delivered: 'Delivered',
  refund_made: 'Refund made',
  new_orders: 'New orders to pack (a digest)',
  payout_made: 'Payout made',
  temperature_excursion: 'Temperature alert on your lot',
  shipments_open: 'New shipments open near you (a digest)',
  dead_letters: 'Dead letters (a digest)',
  stuck_order: 'Stuck orders',
};
const CHANNEL_LABELS: Record<NotificationChannel, string> = { email: 'Email', inapp: 'In the app' };

const SettingsForm = ({ profile }: { profile: NotificationProfile }) => {
  const [email, setEmail] = useState(profile.email);
  const [language, setLanguage] = useState(profile.language);
  const [prefs, setPrefs] = useState(profile.preferences);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const kinds = Object.keys(prefs) as NotificationKind[];
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    setError(null);
    try {
      const p = await notifications.updateProfile({ email, language, preferences: prefs });
      setPrefs(p.preferences);
      setSaved(true);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <form className="card form" noValidate onSubmit={submit}>
      <Field
        label="Email address"
        type="email"
        required
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        hint="Where your notification emails go."
      />
      <SelectField
        label="Language"
        value={language}
        onChange={(e) => setLanguage(e.target.value as 'en' | 'nl')}
      >
        <option value="en">English</option>
        <option value="nl">Nederlands</option>
      </SelectField>
      <p className="small muted">
        Emails and notifications are written in it, and the dates on these pages follow it; the pages’ own
        words are in English for now.
      </p>
      <table>
        <caption>What you receive, and how</caption>
        <thead>
          <tr>
            <th scope="col">Kind</th>
            {profile.channels.map((c) => (
              <th scope="col" key={c}>
                {CHANNEL_LABELS[c]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {kinds.map((k) => (
            <tr key={k}>
              <th scope="row">{KIND_LABELS[k]}</th>
              {profile.channels.map((c) => (
                <td key={c}>
                  <input
                    type="checkbox"
                    aria-label={`${KIND_LABELS[k]}: ${CHANNEL_LABELS[c]}`}
                    checked={prefs[k]?.[c] ?? true}
                    onChange={(e) =>
                      setPrefs({
                        ...prefs,
                        [k]: { ...(prefs[k] ?? { email: true, inapp: true }), [c]: e.target.checked },
                      })
                    }
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {error ? <ErrorMessage error={error} /> : null}
      {saved ? (
        <p className="state" role="status">
          Saved.
        </p>
      ) : null}
      <button type="submit" className="button">
        Save settings
      </button>
    </form>
  );
};

/** Where notifications go (email address, language) and, per kind, on which channels. */
export const NotificationSettingsScreen = () => {
  const state = useAsync('notification-profile', () => notifications.profile());
  return (
    <Page title="Notification settings" intro={<Link to="/inbox">Back to your notifications</Link>}>
      <Async state={state} what="Loading your settings">
        {(profile) => <SettingsForm profile={profile} />}
      </Async>
    </Page>
  );
};
