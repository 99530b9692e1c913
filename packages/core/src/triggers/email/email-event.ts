import { type AddressObject, simpleParser } from 'mailparser';

/** Characters of a message's plain-text body kept in `{event.body}`; longer bodies are cut. */
export const EMAIL_BODY_MAX_CHARS = 16_000;

/**
 * The event of one arrived message, as `{event.…}` variables read it: subject, sender, recipients, sent
 * date (ISO), plain-text body (HTML-only mail converted to text, cut to {@link EMAIL_BODY_MAX_CHARS}),
 * Message-ID. The date falls back to `receivedAt` (the server's internal date) without a Date header.
 */
export async function emailEvent(source: Buffer, receivedAt?: Date): Promise<Record<string, unknown>> {
  const mail = await simpleParser(source, { skipImageLinks: true });
  const body = (mail.text ?? '').trim();
  return {
    subject: mail.subject ?? '',
    from: addressText(mail.from),
    to: addressText(mail.to),
    date: (mail.date ?? receivedAt)?.toISOString() ?? null,
    body: body.length > EMAIL_BODY_MAX_CHARS ? `${body.slice(0, EMAIL_BODY_MAX_CHARS)}…` : body,
    messageId: mail.messageId ?? null,
  };
}

function addressText(addresses: AddressObject | AddressObject[] | undefined): string {
  if (!addresses) return '';
  return (Array.isArray(addresses) ? addresses : [addresses])
    .flatMap((group) => group.value)
    .map((address) => (address.name ? `${address.name} <${address.address ?? ''}>` : (address.address ?? '')))
    .join(', ');
}
