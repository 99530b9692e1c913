/**
 * The tool config an MCP tool accepts: the transport's `env` (stdio) or `headers` (HTTP) to merge over the
 * server's own for the calls in that scope (an agent's own token), secret: encrypted and never shown. Its
 * tools' configs and the server-wide ones (`/mcp-servers/{server}/config`) share it.
 */
export function mcpOverrideSchema(field: 'env' | 'headers'): Record<string, unknown> {
  return schemas[field];
}

function buildSchema(field: 'env' | 'headers'): Record<string, unknown> {
  return {
    type: 'object',
    additionalProperties: false,
    properties: {
      [field]: {
        type: 'object',
        additionalProperties: { type: 'string' },
        secret: true,
        description:
          field === 'env'
            ? 'Environment variables merged over the server’s own for these calls: a separate server process per distinct set.'
            : 'Headers merged over the server’s own for these calls: a separate connection per distinct set.',
      },
    },
  };
}

// One object per field: the host compiles a validator once per schema object.
const schemas = { env: buildSchema('env'), headers: buildSchema('headers') };
