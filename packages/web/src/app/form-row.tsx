import { cloneElement, type ReactElement, useId } from 'react';

/**
 * A labelled control with its help and its error, for hand-written forms (forms built from a JSON Schema
 * use `SchemaForm`): the control gets the id, `aria-describedby` and `aria-invalid`.
 */
export function FormRow(props: {
  label: string;
  help?: string;
  error?: string | undefined;
  children: ReactElement<Record<string, unknown>>;
}) {
  const { label, help, error, children } = props;
  const id = useId();
  const describedBy = [help ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {cloneElement(children, {
        id,
        'aria-describedby': describedBy || undefined,
        'aria-invalid': error ? true : undefined,
      })}
      {help && (
        <p id={`${id}-help`} className="help">
          {help}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
