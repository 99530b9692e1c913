/** ANSI styles the CLI uses. */
export type StyleName = 'bold' | 'dim' | 'red' | 'green' | 'yellow' | 'blue' | 'magenta' | 'cyan';

const CODES: Record<StyleName, [number, number]> = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  blue: [34, 39],
  magenta: [35, 39],
  cyan: [36, 39],
};

/** Wraps text in a style, or leaves it alone when colour is off. */
export type Paint = (style: StyleName, text: string) => string;

/** A {@link Paint} that colours (`enabled`) or returns the text unchanged. */
export function painter(enabled: boolean): Paint {
  if (!enabled) return (_style, text) => text;
  return (style, text) => `\u001b[${CODES[style][0]}m${text}\u001b[${CODES[style][1]}m`;
}

/**
 * Whether to colour output written to `stream`: `FORCE_COLOR` decides when set (`0` off, anything else
 * on), then a non-empty `NO_COLOR` (https://no-color.org) turns it off, otherwise only on a terminal.
 */
export function colourWanted(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0';
  if (env.NO_COLOR) return false;
  return stream.isTTY === true;
}
