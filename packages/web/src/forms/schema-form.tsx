import { type FormEvent, type ReactElement, useId, useMemo, useState } from 'react';
import {
  type FormField,
  type FormValue,
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
  /** The object being edited: its values fill the form (secret fields stay empty). */
  initial?: Record<string, unknown>;
  /**
   * Secret fields that have a stored value: shown as "set"; left empty, the stored value is kept, typed in,
   * it is replaced, and each has a "Clear" checkbox that sends `null` (removes the stored value).
   */
  secretsSet?: readonly string[];
}

/** A form built from a JSON Schema: one labelled control per property, errors shown at each field. */
export function SchemaForm(props: SchemaFormProps) {
  const { schema, submitLabel, onSubmit, busy, serverErrors = {}, initial, secretsSet = [] } = props;
  const fields = useMemo(() => fieldsFromSchema(schema), [schema]);
  const [values, setValues] = useState<FormValues>(() => initialValues(fields, initial));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [cleared, setCleared] = useState<readonly string[]>([]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = readForm(fields, values, cleared);
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
          isSet={field.secret && secretsSet.includes(field.name)}
          isCleared={cleared.includes(field.name)}
          onClearedChange={(clear) =>
            setCleared((old) => (clear ? [...old, field.name] : old.filter((name) => name !== field.name)))
          }
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
  value: FormValue;
  isSet: boolean;
  isCleared: boolean;
  onClearedChange: (cleared: boolean) => void;
  error: string | undefined;
  onChange: (value: FormValue) => void;
}

function Field(props: FieldProps) {
  const { field, value, isSet, isCleared, onClearedChange, error, onChange } = props;
  const id = useId();
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const describedBy =
    [field.description || isSet ? helpId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined;
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
  } else if (field.kind === 'multi') {
    control = (
      <select
        {...common}
        multiple
        size={Math.min(Math.max(field.options.length, 2), 8)}
        value={Array.isArray(value) ? value : []}
        onChange={(e) => onChange(Array.from(e.target.selectedOptions, (option) => option.value))}
      >
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
        value={isCleared ? '' : String(value)}
        disabled={isCleared}
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
        value={isCleared ? '' : String(value)}
        disabled={isCleared}
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
        {field.secret && <span className="muted"> ({isSet ? 'set' : 'not set'})</span>}
      </label>
      {control}
      {(field.description || isSet) && (
        <p id={helpId} className="help">
          {field.description}
          {isSet && ' A value is set: leave empty to keep it, type to replace it, or clear it.'}
        </p>
      )}
      {isSet && (
        <label className="field-check">
          <input type="checkbox" checked={isCleared} onChange={(e) => onClearedChange(e.target.checked)} />{' '}
          Clear stored {field.label}
        </label>
      )}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
