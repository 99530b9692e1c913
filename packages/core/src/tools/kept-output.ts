import { ToolError } from './tool-error';

/** Default of setting `tools.maxOutputBytes`: the most output kept in a run or returned. */
export const DEFAULT_MAX_OUTPUT_BYTES = 1_048_576;

/** What is kept of an output larger than `tools.maxOutputBytes`. */
export interface TruncatedOutput {
  /** Always true: the value was cut. */
  truncated: true;
  /** Size of the whole output in bytes of JSON, or a lower bound when `sizeIsLowerBound` is true. */
  originalBytes: number;
  /** True when serialising stopped at the cap, so `originalBytes` is at least that much. */
  sizeIsLowerBound: boolean;
  /** The first characters of the output (strings only); other values are not kept. */
  preview?: string;
}

class OverCap extends Error {}

/**
 * Checks that a tool's output can be stored as JSON and cuts it to `maxBytes`. Serialising stops as
 * soon as the running size passes the cap, so a huge object is never turned into one huge string.
 * Throws an `INVALID_OUTPUT` {@link ToolError} for circular values, BigInt and functions.
 */
export function keptOutput(tool: string, output: unknown, maxBytes: number): unknown {
  if (typeof output === 'string') {
    const bytes = Buffer.byteLength(output);
    if (bytes <= maxBytes) return output;
    return truncated(bytes, false, output.slice(0, Math.floor(maxBytes / 4)));
  }
  if (output === undefined) return output;
  let size = 0;
  const replacer = (key: string, value: unknown): unknown => {
    if (typeof value === 'function') throw invalid(tool, `a function at '${key || '(root)'}'`);
    if (typeof value === 'bigint') throw invalid(tool, `a BigInt at '${key || '(root)'}'`);
    size += key.length + (typeof value === 'string' ? value.length : 8);
    if (size > maxBytes) throw new OverCap();
    return value;
  };
  try {
    const json = JSON.stringify(output, replacer);
    return json === undefined ? undefined : (JSON.parse(json) as unknown);
  } catch (error) {
    if (error instanceof OverCap) return truncated(size, true);
    if (ToolError.isInstance(error)) throw error;
    throw invalid(tool, (error as Error).message, error);
  }
}

function truncated(originalBytes: number, sizeIsLowerBound: boolean, preview?: string): TruncatedOutput {
  return { truncated: true, originalBytes, sizeIsLowerBound, ...(preview === undefined ? {} : { preview }) };
}

function invalid(tool: string, what: string, cause?: unknown): ToolError {
  return new ToolError(
    'INVALID_OUTPUT',
    tool,
    `'${tool}' returned a value that cannot be stored as JSON (${what}); the tool must return plain data.`,
    { cause },
  );
}
