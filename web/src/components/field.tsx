import {
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';

interface Labelled {
  label: string;
  hint?: ReactNode;
}

/**
 * The frame of every labelled control: the label, the control (given the id and, with a hint, aria-describedby
 * pointing at the hint) and the hint.
 */
const LabelledControl = ({
  label,
  hint,
  className,
  control,
}: Labelled & { className: string | undefined; control: (a11y: { id: string; 'aria-describedby'?: string }) => ReactNode }) => {
  const id = useId();
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      {control({ id, ...(hint ? { 'aria-describedby': `${id}-hint` } : {}) })}
      {hint ? (
        <small id={`${id}-hint`} className="hint">
          {hint}
        </small>
      ) : null}
    </div>
  );
};

/** A labelled input; the hint is tied to it with aria-describedby. */
export const Field = ({ label, hint, className, ...input }: Labelled & InputHTMLAttributes<HTMLInputElement>) => (
  <LabelledControl label={label} hint={hint} className={className} control={(a11y) => <input {...a11y} {...input} />} />
);

export const SelectField = ({
  label,
  hint,
  children,
  className,
  ...select
}: Labelled & SelectHTMLAttributes<HTMLSelectElement>) => (
  <LabelledControl
    label={label}
    hint={hint}
    className={className}
    control={(a11y) => (
      <select {...a11y} {...select}>
        {children}
      </select>
    )}
  />
);

export const TextArea = ({ label, hint, className, ...area }: Labelled & TextareaHTMLAttributes<HTMLTextAreaElement>) => (
  <LabelledControl label={label} hint={hint} className={className} control={(a11y) => <textarea {...a11y} {...area} />} />
);

export const Checkbox = ({ label, ...input }: { label: string } & InputHTMLAttributes<HTMLInputElement>) => {
  const id = useId();
  return (
    <div className="check">
      <input id={id} type="checkbox" {...input} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
};
