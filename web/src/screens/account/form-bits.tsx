import { useEffect, useRef, useState, type InputHTMLAttributes, type ReactNode } from 'react';
import { ApiError, fieldErrors, formField } from '../../api/client';
import { limitOf } from '../../api/limits';
import type { AccountLanguage } from '../../api/types';
import { Field, limitProps, SelectField } from '../../components/field';
import { messageOf } from '../../components/states';
import { useAction } from '../../lib/use-action';
import { LOCALE_NAMES, t } from '../../i18n';

/** The password rules better-auth is configured with, as identity's OpenAPI document states them. */
export const PASSWORD = limitOf('SignUp', 'password');
export const passwordRule = (): string =>
  t('password.rule', { min: PASSWORD.minLength ?? 10, max: PASSWORD.maxLength ?? 128 });

/**
 * A form that calls identity: busy while it runs, the error it ended with, the message of each field the problem
 * names, and, after a refusal, focus on the first field marked invalid (so a screen reader reads its message).
 */
export const useAccountForm = () => {
  const form = useRef<HTMLFormElement>(null);
  const action = useAction();
  const fields = fieldErrors(action.error);
  useEffect(() => {
    if (!action.error) return;
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [action.error]);
  return { form, ...action, fields };
};

const waitWords = (seconds: number | undefined): string => {
  const s = seconds ?? 60;
  return s > 90 ? t('wait.minutes', { n: Math.ceil(s / 60) }) : t('wait.seconds', { n: s });
};

/** identity's refusals in this app's words, per form: `words` says what a 400, 401 or 403 means there. */
export const accountProblem = (
  error: unknown,
  words: { invalid?: string; unauthenticated?: string; forbidden?: string } = {},
  shown: string[] = [],
): string => {
  if (!(error instanceof ApiError)) return messageOf(error);
  if (error.status === 429)
    return t('account.tooMany', { wait: waitWords(error.retryAfterSeconds) });
  if (error.status === 0 || error.status >= 500)
    return t('account.unavailable');
  const unshown = error.issues.filter((i) => !shown.includes(formField(i.field)));
  if (error.issues.length && unshown.length === 0) return t('error.fieldsAbove');
  if (error.status === 401) return words.unauthenticated ?? t('account.signedOut');
  if (error.status === 403) return words.forbidden ?? messageOf(error, shown);
  if (error.status === 400 && words.invalid && unshown.length === 0) return words.invalid;
  return messageOf(error, shown);
};

/** A refusal under the form, announced (role alert). */
export const FormProblem = ({ children }: { children: ReactNode }) => (
  <div className="state state-error" role="alert">
    <p>{children}</p>
  </div>
);

/** An account form's refusal, if it ended with one: the fields it marked are not named again (`words`: accountProblem). */
export const AccountFormProblem = ({
  form,
  words,
}: {
  form: { error: unknown; fields: Record<string, string> };
  words?: Parameters<typeof accountProblem>[1];
}) => (form.error ? <FormProblem>{accountProblem(form.error, words, Object.keys(form.fields))}</FormProblem> : null);

/** What went well, announced politely (role status). */
export const Done = ({ children }: { children: ReactNode }) => (
  <div className="state state-ok" role="status">
    {children}
  </div>
);

/** A password input with a button that shows what was typed (easier on a phone); rules go in `hint`. */
export const PasswordField = ({
  label,
  hint,
  error,
  ...input
}: {
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
} & InputHTMLAttributes<HTMLInputElement>) => {
  const [shown, setShown] = useState(false);
  return (
    <div className="password-field">
      <Field
        label={label}
        hint={hint}
        error={error}
        type={shown ? 'text' : 'password'}
        spellCheck={false}
        autoCapitalize="none"
        {...limitProps({ maxLength: PASSWORD.maxLength })}
        {...input}
      />
      <button
        type="button"
        className="button link small show-password"
        aria-pressed={shown}
        onClick={() => setShown(!shown)}
      >
        {t('password.show')}
      </button>
    </div>
  );
};

/** The person's languages (the pages, and the mails where they are written in it), each named in itself. */
export const LANGUAGES: { value: AccountLanguage; label: string; lang: string }[] = [
  { value: 'en', label: LOCALE_NAMES.en, lang: 'en' },
  { value: 'nl', label: LOCALE_NAMES.nl, lang: 'nl' },
  { value: 'zh', label: LOCALE_NAMES['zh-CN'], lang: 'zh-CN' },
];

/** The language of the person's pages and mails. */
export const LanguageField = ({
  value,
  onChange,
  error,
}: {
  value: AccountLanguage;
  onChange: (language: AccountLanguage) => void;
  error: string | undefined;
}) => (
  <SelectField
    label={t('field.language')}
    value={value}
    onChange={(e) => onChange(e.target.value as AccountLanguage)}
    error={error}
  >
    {LANGUAGES.map((l) => (
      <option key={l.value} value={l.value} lang={l.lang}>
        {l.label}
      </option>
    ))}
  </SelectField>
);

/** An email address field; `maxLength` from the request's limits. */
export const EmailField = ({
  maxLength,
  onChange,
  ...field
}: {
  label: string;
  hint?: ReactNode;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
  maxLength?: number | undefined;
}) => (
  <Field
    type="email"
    autoComplete="email"
    onChange={(e) => onChange(e.target.value)}
    {...field}
    {...limitProps({ maxLength })}
  />
);
