import { useState } from 'react';
import { executeTool, type ToolOutcome } from '../../api/tools';
import { ErrorMessage } from '../../app/feedback';
import { Output } from '../../app/output';
import { useAction } from '../../app/use-action';
import type { JsonSchema } from '../../forms/schema-fields';
import { SchemaForm } from '../../forms/schema-form';

/** The ToolError's issues by field name (the first segment of each pointer), for showing at the field. */
function issuesByField(outcome: ToolOutcome | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const issue of outcome?.error?.issues ?? []) {
    const name = issue.pointer.split('/')[1];
    if (name) result[name] = issue.message;
  }
  return result;
}

/**
 * "Try a tool": a form built from the tool's parameter schema that runs it once through the API (its
 * default configuration applies) and shows the output, or the ToolError with its code and the issues at
 * their fields.
 */
export function TryTool({ name, schema }: { name: string; schema: JsonSchema }) {
  const [outcome, setOutcome] = useState<ToolOutcome>();
  const execute = useAction(async (parameters: Record<string, unknown>) => {
    setOutcome(undefined);
    setOutcome(await executeTool(name, parameters));
  });
  return (
    <details>
      <summary>Try {name}</summary>
      <SchemaForm
        schema={schema}
        submitLabel={`Run ${name}`}
        busy={execute.busy}
        serverErrors={issuesByField(outcome)}
        onSubmit={(parameters) => execute.run(parameters)}
      />
      <ErrorMessage error={execute.error} />
      {outcome?.ok && (
        <section aria-label={`Result of ${name}`}>
          <p className="muted">Succeeded in {outcome.durationMs} ms.</p>
          <Output label={`Output of ${name}`}>{JSON.stringify(outcome.output ?? null, null, 2)}</Output>
        </section>
      )}
      {outcome && !outcome.ok && outcome.error && (
        <div role="alert" aria-label={`Tool error of ${name}`} className="field-error">
          <p>
            <code>{outcome.error.code}</code>: {outcome.error.message}
          </p>
          {outcome.error.retryable && <p>Trying again may succeed.</p>}
        </div>
      )}
    </details>
  );
}
