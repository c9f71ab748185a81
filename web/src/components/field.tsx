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

/** What a control gets to be labelled: its id, and the id of its hint when it has one. */
type A11y = { id: string; 'aria-describedby'?: string };

/**
 * The frame of every labelled control: the label, the control (given the id and, with a hint, aria-describedby
 * pointing at the hint) and the hint.
 */
const LabelledControl = ({
  label,
  hint,
  className,
  control,
}: Labelled & {
  className: string | undefined;
  control: (a11y: A11y) => ReactNode;
}) => {
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

/** A labelled control from how it renders with its id and hint reference, and the props it passes on. */
const labelled =
  <P extends { className?: string | undefined }>(
    render: (a11y: A11y, props: Omit<P, 'className'>) => ReactNode,
  ) =>
  ({ label, hint, className, ...props }: Labelled & P) => (
    <LabelledControl
      label={label}
      hint={hint}
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
