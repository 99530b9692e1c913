import type { ParsedReply } from './parsed-reply';
import { describeKnownTools, PROTOCOL_REMINDER } from './protocol-reminder';

/** Builds an `invalid` reply whose problem also lists the tools and restates the protocol. */
export function invalidReply(
  problems: readonly string[],
  knownTools: readonly string[],
  thought?: string,
): ParsedReply {
  const problem = [...new Set(problems), describeKnownTools(knownTools), PROTOCOL_REMINDER].join(' ');
  return thought ? { kind: 'invalid', problem, thought } : { kind: 'invalid', problem };
}

/** The problem for JSON that ends before its braces or quotes close. */
export const CUT_OFF_PROBLEM =
  'Your tool call is cut off: a "{" or a quote is never closed. Send the whole call again as one complete JSON object.';
