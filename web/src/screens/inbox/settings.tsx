import { useState, type FormEvent } from 'react';
import { notifications } from '../../api/notifications';
import type { NotificationChannel, NotificationKind, NotificationProfile } from '../../api/types';
import { Field, SelectField } from '../../components/field';
import { Page } from '../../components/page';
import { Async, ErrorMessage } from '../../components/states';
import { Link } from '../../lib/router';
import { useAsync } from '../../lib/use-async';
import { t } from '../../i18n';
import { LANGUAGES } from '../account/form-bits';
import { enumText } from '../../lib/format';

const kindLabel = (k: NotificationKind): string => enumText('notificationKind', k);
const channelLabel = (c: NotificationChannel): string => enumText('channel', c);

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
        label={t('field.email')}
        type="email"
        required
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        hint={t('settings.emailHint')}
      />
      <SelectField
        label={t('settings.language')}
        value={language}
        onChange={(e) => setLanguage(e.target.value as typeof language)}
      >
        {LANGUAGES.map((l) => (
          <option key={l.value} value={l.value} lang={l.lang}>
            {l.label}
          </option>
        ))}
      </SelectField>
      <p className="small muted">{t('settings.languageNote')}</p>
      <table>
        <caption>{t('settings.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('settings.kind')}</th>
            {profile.channels.map((c) => (
              <th scope="col" key={c}>
                {channelLabel(c)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {kinds.map((k) => (
            <tr key={k}>
              <th scope="row">{kindLabel(k)}</th>
              {profile.channels.map((c) => (
                <td key={c}>
                  <input
                    type="checkbox"
                    aria-label={`${kindLabel(k)}: ${channelLabel(c)}`}
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
          {t('profile.saved')}
        </p>
      ) : null}
      <button type="submit" className="button">
        {t('settings.save')}
      </button>
    </form>
  );
};

/** Where notifications go (email address, language) and, per kind, on which channels. */
export const NotificationSettingsScreen = () => {
  const state = useAsync('notification-profile', () => notifications.profile());
  return (
    <Page title={t('settings.title')} intro={<Link to="/inbox">{t('settings.back')}</Link>}>
      <Async state={state} what={t('settings.loading')}>
        {(profile) => <SettingsForm profile={profile} />}
      </Async>
    </Page>
  );
};
