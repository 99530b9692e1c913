import { type FormEvent, useState } from 'react';
import { createMcpServer, type McpServerBody } from '../../api/mcp-servers';
import { ApiProblem, fieldErrors } from '../../api/problem';
import { ErrorMessage } from '../../app/feedback';
import { FormRow } from '../../app/form-row';
import { useAction } from '../../app/use-action';

/**
 * The first message the API gave for each field under `prefix`: for the stdio/HTTP union it answers the
 * branch of the sent `type` first (e.g. an empty command), then the other branch's complaints.
 */
function firstMessages(error: unknown, prefix: string): Record<string, string> {
  if (!ApiProblem.isInstance(error)) return {};
  const result: Record<string, string> = {};
  for (const field of error.fields) {
    const name = field.path.startsWith(`${prefix}/`) ? field.path.slice(prefix.length + 1) : '';
    if (name && !(name in result)) result[name] = field.message;
  }
  return result;
}

/** How the server is reached: a program started over stdio, or a Streamable HTTP endpoint. */
type TransportKind = 'stdio' | 'http';

/**
 * Registers an MCP server through `POST /api/v1/mcp-servers`: a name, then a command and its arguments (one
 * per line) for stdio or a URL for Streamable HTTP. The API's field messages are shown under their fields; a
 * taken name (409) under the name. `env`/`headers` are left to the API. `onRegistered` runs once it is stored.
 */
export function RegisterMcpServerForm({ onRegistered }: { onRegistered: () => void }) {
  const [kind, setKind] = useState<TransportKind>('stdio');
  const [name, setName] = useState('');
  const [command, setCommand] = useState('');
  const [args, setArgs] = useState('');
  const [url, setUrl] = useState('');
  const [registered, setRegistered] = useState<string>();
  const register = useAction(async (body: McpServerBody) => {
    const answer = await createMcpServer(body);
    setRegistered(answer.name);
    setName('');
    onRegistered();
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setRegistered(undefined);
    const lines = args.split('\n').filter((line) => line.trim() !== '');
    const transport: McpServerBody['transport'] =
      kind === 'stdio'
        ? { type: 'stdio', command: command.trim(), ...(lines.length > 0 ? { args: lines } : {}) }
        : { type: 'http', url: url.trim() };
    void register.run({ name: name.trim(), transport });
  };
  const top = fieldErrors(register.error);
  const inTransport = firstMessages(register.error, '/transport');
  const conflict =
    ApiProblem.isInstance(register.error) && register.error.status === 409
      ? register.error.message
      : undefined;
  const nameError = top.name ?? conflict;
  const placed = nameError ?? inTransport.command ?? inTransport.args ?? inTransport.url;
  return (
    <form onSubmit={submit} noValidate className="form" aria-labelledby="register-mcp-heading">
      <h2 id="register-mcp-heading">Register an MCP server</h2>
      <FormRow
        label="Server name"
        help="A letter or digit, then up to 31 letters, digits, _ or -; its tools are named <server>_<tool>."
        error={nameError}
      >
        <input type="text" value={name} onChange={(event) => setName(event.target.value)} />
      </FormRow>
      <FormRow label="Transport">
        <select
          value={kind}
          onChange={(event) => {
            setKind(event.target.value as TransportKind);
            register.clear();
          }}
        >
          <option value="stdio">stdio (a program on the server)</option>
          <option value="http">Streamable HTTP (a URL)</option>
        </select>
      </FormRow>
      {kind === 'stdio' ? (
        <>
          <FormRow label="Command" help="The program to run, e.g. npx or node." error={inTransport.command}>
            <input type="text" value={command} onChange={(event) => setCommand(event.target.value)} />
          </FormRow>
          <FormRow label="Arguments" help="One per line." error={inTransport.args}>
            <textarea rows={3} value={args} onChange={(event) => setArgs(event.target.value)} />
          </FormRow>
        </>
      ) : (
        <FormRow
          label="URL"
          help="The Streamable HTTP endpoint, e.g. https://example.com/mcp."
          error={inTransport.url}
        >
          <input type="url" value={url} onChange={(event) => setUrl(event.target.value)} />
        </FormRow>
      )}
      <button type="submit" disabled={register.busy}>
        Register MCP server
      </button>
      {!placed && <ErrorMessage error={register.error} />}
      {registered && !register.error && (
        <p role="status" className="muted">
          Registered {registered}.
        </p>
      )}
    </form>
  );
}
