import { type AddressObject, simpleParser } from 'mailparser';
import type { EmailSummary } from './read-emails-schemas';

/**
 * Parses a raw message into what the model reads: sender, recipients, subject, date and a plain-text
 * body (mailparser converts HTML-only mail to text), cut to `maxBodyChars`.
 */
export async function emailSummary(
  uid: number,
  source: Buffer,
  receivedAt: Date | undefined,
  maxBodyChars: number,
): Promise<EmailSummary> {
  const mail = await simpleParser(source, { skipImageLinks: true });
  const body = (mail.text ?? '').trim();
  const truncated = body.length > maxBodyChars;
  return {
    uid,
    from: addressText(mail.from),
    to: addressText(mail.to),
    subject: mail.subject ?? '',
    date: (mail.date ?? receivedAt)?.toISOString() ?? null,
    text: truncated ? `${body.slice(0, maxBodyChars)}…` : body,
    truncated,
  };
}

function addressText(addresses: AddressObject | AddressObject[] | undefined): string {
  if (!addresses) return '';
  return (Array.isArray(addresses) ? addresses : [addresses])
    .flatMap((group) => group.value)
    .map((address) => (address.name ? `${address.name} <${address.address ?? ''}>` : (address.address ?? '')))
    .join(', ');
}
