const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** Milliseconds of an `every` interval such as `30s`, `15m`, `2h`, `1d` or `500ms`. */
export function everyToMs(every: string): number {
  const match = /^([1-9][0-9]*)(ms|s|m|h|d)$/.exec(every);
  if (match === null) throw new RangeError(`'${every}' is not an interval such as 30s, 15m, 2h or 1d.`);
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}
