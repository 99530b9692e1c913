/** Recipient fields of `send_email`, each one address or a list. */
export interface RecipientFields {
  to: string | string[];
  cc?: string | string[];
  bcc?: string | string[];
}

/** A recipient the allowlist does not permit, and where it is in the parameters. */
export interface RefusedRecipient {
  /** JSON pointer of the address in the parameters, e.g. `/cc/1`. */
  pointer: string;
  /** The address as given. */
  address: string;
}

/**
 * Returns every recipient that `allowlist` does not permit, with the JSON pointer of the
 * address (`/to`, `/cc/1`). Entries are full addresses or `@domain` (that exact domain), compared
 * case-insensitively. With no allowlist every recipient is permitted.
 */
export function recipientsOutsideAllowlist(
  recipients: RecipientFields,
  allowlist: readonly string[] | undefined,
): RefusedRecipient[] {
  if (!allowlist) return [];
  const entries = allowlist.map((entry) => entry.trim().toLowerCase());
  const permitted = (recipient: string) => {
    const address = recipient.trim().toLowerCase();
    return entries.includes(address) || entries.includes(address.slice(address.lastIndexOf('@')));
  };
  const refused: RefusedRecipient[] = [];
  for (const field of ['to', 'cc', 'bcc'] as const) {
    const value = recipients[field];
    if (value === undefined) continue;
    const addresses = Array.isArray(value) ? value : [value];
    addresses.forEach((address, index) => {
      if (!permitted(address)) {
        const pointer = Array.isArray(value) ? `/${field}/${index}` : `/${field}`;
        refused.push({ pointer, address });
      }
    });
  }
  return refused;
}
