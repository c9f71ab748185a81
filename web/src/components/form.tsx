import type { ButtonHTMLAttributes, FormHTMLAttributes, ReactNode, Ref } from 'react';

/**
 * A form the app checks itself (`noValidate`: the services' problem+json names each field, shown under it): the
 * submit event's default is prevented before `onSubmit` runs.
 */
export const Form = ({
  onSubmit,
  className = 'stack',
  children,
  ...form
}: { onSubmit: () => void; children: ReactNode } & Omit<FormHTMLAttributes<HTMLFormElement>, 'onSubmit'> & {
    ref?: Ref<HTMLFormElement>;
  }) => (
  <form
    className={className}
    noValidate
    onSubmit={(e) => {
      e.preventDefault();
      onSubmit();
    }}
    {...form}
  >
    {children}
  </form>
);

/** A button whose action calls the API: disabled and marked busy (aria-busy) while it runs. */
export const BusyButton = ({
  busy,
  type = 'button',
  className = 'button',
  disabled,
  children,
  ...button
}: { busy: boolean } & ButtonHTMLAttributes<HTMLButtonElement>) => (
  <button type={type} className={className} disabled={busy || disabled} aria-busy={busy} {...button}>
    {children}
  </button>
);

/** The submit button of a form that calls the API. */
export const SubmitButton = (props: { busy: boolean } & Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type'>) => (
  <BusyButton type="submit" {...props} />
);
