import { type FormEvent, type ReactElement, useId, useMemo, useState } from 'react';
import {
  type FormField,
  type FormValues,
  fieldsFromSchema,
  initialValues,
  type JsonSchema,
  readForm,
} from './schema-fields';

/** Props of {@link SchemaForm}. */
export interface SchemaFormProps {
  /** The object schema the form edits. */
  schema: JsonSchema;
  /** Text of the submit button (its accessible name). */
  submitLabel: string;
  /** Called with the JSON object built from the form; errors it throws are shown by the caller. */
  onSubmit: (value: Record<string, unknown>) => void;
  /** Disables the submit button (while the action runs). */
  busy?: boolean;
  /** Messages the API returned, by field name (from the problem's `errors[]` pointers). */
  serverErrors?: Record<string, string>;
}

/** A form built from a JSON Schema: one labelled control per property, errors shown at each field. */
export function SchemaForm({ schema, submitLabel, onSubmit, busy, serverErrors = {} }: SchemaFormProps) {
  const fields = useMemo(() => fieldsFromSchema(schema), [schema]);
  const [values, setValues] = useState<FormValues>(() => initialValues(fields));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = readForm(fields, values);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    onSubmit(result.value);
  };
  return (
    <form onSubmit={submit} noValidate className="form">
      {fields.length === 0 && <p className="muted">No inputs.</p>}
      {fields.map((field) => (
        <Field
          key={field.name}
          field={field}
          value={values[field.name] ?? ''}
          error={errors[field.name] ?? serverErrors[field.name]}
          onChange={(value) => setValues((old) => ({ ...old, [field.name]: value }))}
        />
      ))}
      <button type="submit" disabled={busy}>
        {submitLabel}
      </button>
    </form>
  );
}

interface FieldProps {
  field: FormField;
  value: string | boolean;
  error: string | undefined;
  onChange: (value: string | boolean) => void;
}

function Field({ field, value, error, onChange }: FieldProps) {
  const id = useId();
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const describedBy =
    [field.description ? helpId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined;
  const common = { id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined };
  let control: ReactElement;
  if (field.kind === 'boolean') {
    control = (
      <input
        type="checkbox"
        {...common}
        checked={value === true}
        onChange={(e) => onChange(e.target.checked)}
      />
    );
  } else if (field.kind === 'choice') {
    control = (
      <select
        {...common}
        value={String(value)}
        required={field.required}
        onChange={(e) => onChange(e.target.value)}
      >
        {!field.required && <option value="">(default)</option>}
        {field.options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    );
  } else if (field.kind === 'json' || field.kind === 'list') {
    control = (
      <textarea
        {...common}
        rows={3}
        value={String(value)}
        required={field.required}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  } else {
    control = (
      <input
        {...common}
        type={field.secret ? 'password' : field.kind === 'text' ? 'text' : 'number'}
        autoComplete={field.secret ? 'new-password' : 'off'}
        value={String(value)}
        required={field.required}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  }
  return (
    <div className={field.kind === 'boolean' ? 'field field-check' : 'field'}>
      <label htmlFor={id}>
        {field.label}
        {field.required && <span aria-hidden="true"> *</span>}
        {field.kind === 'list' && <span className="muted"> (one per line)</span>}
      </label>
      {control}
      {field.description && (
        <p id={helpId} className="help">
          {field.description}
        </p>
      )}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
