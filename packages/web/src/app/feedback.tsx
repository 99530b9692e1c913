import { ApiProblem, errorText } from '../api/problem';

/** The API's problem `detail` (and the fields it names) shown next to what caused it. */
export function ErrorMessage({ error, id }: { error: unknown; id?: string }) {
  if (error === undefined || error === null) return null;
  const fields = ApiProblem.isInstance(error) ? error.fields : [];
  return (
    <div className="error" role="alert" id={id}>
      <p>{errorText(error)}</p>
      {fields.length > 0 && (
        <ul>
          {fields.map((field) => (
            <li key={`${field.path}:${field.message}`}>
              <code>{field.path || '(body)'}</code>: {field.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** A short "Loading…" line announced to screen readers. */
export function Loading({ what }: { what: string }) {
  return (
    <p className="muted" role="status">
      Loading {what}…
    </p>
  );
}

/** A run or plugin status as a coloured badge with its text. */
export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge badge-${status}`}>{status}</span>;
}

/** A date-time shown in the browser's locale, with the ISO value in the title. */
export function Time({ value }: { value: string | null | undefined }) {
  if (!value) return <span className="muted">—</span>;
  return (
    <time dateTime={value} title={value}>
      {new Date(value).toLocaleString()}
    </time>
  );
}
