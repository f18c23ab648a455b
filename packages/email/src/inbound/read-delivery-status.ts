import { withLowerCaseDomain } from '@escalations/domain';
/** One recipient's block of a delivery status notification (RFC 3464 §2.3). */
export interface RecipientStatus {
  /** `failed`, `delayed`, `delivered`, `relayed`, `expanded`; '' when missing */
  action: string;
  /** Original-Recipient first (the address the message was sent to), then Final-Recipient */
  addresses: string[];
  /** the status code, e.g. `5.1.1`; '' when missing */
  status: string;
}

/**
 * The recipient blocks of a `message/delivery-status` body: fields in groups separated by
 * blank lines, the first group about the message and the rest one per recipient. Lenient
 * about what MTAs write in practice (no blank line after the message group, addresses in
 * angle brackets, an address type other than rfc822). Never throws.
 */
export function readDeliveryStatus(body: string): RecipientStatus[] {
  const recipients: RecipientStatus[] = [];
  const groups = body.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n/);
  for (const group of groups) {
    const fields = new Map<string, string>();
    for (const line of group.replace(/\n[ \t]+/g, ' ').split('\n')) {
      const match = /^([A-Za-z-]+)[ \t]*:[ \t]*(.*)$/.exec(line);
      const name = match?.[1]?.toLowerCase();
      if (name && !fields.has(name)) fields.set(name, match?.[2]?.trim() ?? '');
    }
    if (!fields.has('final-recipient') && !fields.has('original-recipient')) continue;
    const addresses = ['original-recipient', 'final-recipient']
      .map((name) => recipientAddress(fields.get(name)))
      .filter((address): address is string => address !== null);
    recipients.push({
      action: (fields.get('action') ?? '').split(/[\s(;]/)[0]!.toLowerCase(),
      addresses: [...new Set(addresses)],
      status: /\d\.\d{1,3}\.\d{1,3}/.exec(fields.get('status') ?? '')?.[0] ?? '',
    });
  }
  return recipients;
}

/** `rfc822; someone@example.com` → `someone@example.com`, the domain lower-cased. */
function recipientAddress(value: string | undefined): string | null {
  if (!value) return null;
  const address = value
    .slice(value.indexOf(';') + 1)
    .trim()
    .replace(/^<|>$/g, '')
    .trim();
  const at = address.lastIndexOf('@');
  if (at <= 0 || at === address.length - 1 || /[\s<>;,]/.test(address)) return null;
  return withLowerCaseDomain(address);
}
