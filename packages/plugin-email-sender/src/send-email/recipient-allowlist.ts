/**
 * Returns the recipients not permitted by `allowlist` (entries are full addresses or `@domain`,
 * compared case-insensitively). With no allowlist every recipient is permitted.
 */
export function recipientsOutsideAllowlist(
  recipients: readonly string[],
  allowlist: readonly string[] | undefined,
): string[] {
  if (!allowlist) return [];
  const entries = allowlist.map((entry) => entry.trim().toLowerCase());
  return recipients.filter((recipient) => {
    const address = recipient.trim().toLowerCase();
    const domain = address.slice(address.lastIndexOf('@'));
    return !entries.includes(address) && !entries.includes(domain);
  });
}
