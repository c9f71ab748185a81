import {
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';
import type { FieldLimit } from '../api/limits';

interface Labelled {
  label: string;
  hint?: ReactNode;
  /** What is wrong with the value (a check of the form, or the service's message for this field, fieldErrors). */
  error?: string | undefined;
}

/** What a control gets to be labelled: its id, the ids of its hint and error, and whether it is invalid. */
type A11y = { id: string; 'aria-describedby'?: string; 'aria-invalid'?: true };

/**
 * Limits from the services' OpenAPI documents (generated/limits.ts) as input attributes: maxLength, minLength, min,
 * max and a pattern a browser compiles.
 */
export const limitProps = (l: FieldLimit | undefined) => ({
  ...(l?.maxLength !== undefined ? { maxLength: l.maxLength } : {}),
  ...(l?.minLength !== undefined && l.minLength > 1 ? { minLength: l.minLength } : {}),
  ...(l?.minimum !== undefined ? { min: l.minimum } : {}),
  ...(l?.maximum !== undefined ? { max: l.maximum } : {}),
  ...(l?.pattern !== undefined ? { pattern: l.pattern } : {}),
});

/**
 * The frame of every labelled control: the label, the control (given the id and, with a hint, aria-describedby
 * pointing at the hint) and the hint.
 */
const LabelledControl = ({
  label,
  hint,
  error,
  className,
  control,
}: Labelled & {
  className: string | undefined;
  control: (a11y: A11y) => ReactNode;
}) => {
  const id = useId();
  const describedBy = [error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ');
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      {control({
        id,
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        ...(error ? { 'aria-invalid': true as const } : {}),
      })}
      {error ? (
        <small id={`${id}-error`} className="field-error">
          {error}
        </small>
      ) : null}
      {hint ? (
        <small id={`${id}-hint`} className="hint">
          {hint}
        </small>
      ) : null}
    </div>
  );
};

/** A labelled control from how it renders with its id and hint reference, and the props it passes on. */
const labelled =
  <P extends { className?: string | undefined }>(
    render: (a11y: A11y, props: Omit<P, 'className'>) => ReactNode,
  ) =>
  ({ label, hint, error, className, ...props }: Labelled & P) => (
    <LabelledControl
      label={label}
      hint={hint}
      error={error}
      className={className}
      control={(a11y) => render(a11y, props as Omit<P, 'className'>)}
    />
  );

/** A labelled input; the hint is tied to it with aria-describedby. */
export const Field = labelled<InputHTMLAttributes<HTMLInputElement>>((a11y, input) => (
  <input {...a11y} {...input} />
));

export const SelectField = labelled<SelectHTMLAttributes<HTMLSelectElement>>(
  (a11y, { children, ...select }) => (
    <select {...a11y} {...select}>
      {children}
    </select>
  ),
);

export const TextArea = labelled<TextareaHTMLAttributes<HTMLTextAreaElement>>((a11y, area) => (
  <textarea {...a11y} {...area} />
));

export const Checkbox = ({ label, ...input }: { label: string } & InputHTMLAttributes<HTMLInputElement>) => {
  const id = useId();
  return (
    <div className="check">
      <input id={id} type="checkbox" {...input} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
};
