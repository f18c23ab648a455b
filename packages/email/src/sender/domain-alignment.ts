import { getDomain } from 'tldts';

/**
 * The organisational domain of a host (RFC 7489 section 3.2): the registrable domain under
 * the Public Suffix List, so `mail.school.example.org.uk` and `school.example.org.uk` share
 * one. Private suffixes count too, as mailauth counts them: two customers of one hosting
 * suffix are two organisations.
 */
export function organisationalDomain(host: string): string {
  const normalised = host.trim().toLowerCase().replace(/\.$/, '');
  return getDomain(normalised, { allowPrivateDomains: true }) ?? normalised;
}

/** Relaxed identifier alignment: the same organisational domain. */
export function alignedDomains(a: string, b: string): boolean {
  return organisationalDomain(a) === organisationalDomain(b);
}

/** The domain of an address or of a bare domain, as SPF's MAIL FROM and DKIM's `i=` give it. */
export function domainOf(addressOrDomain: string): string | null {
  const value = addressOrDomain.trim().replace(/^<|>$/g, '');
  const domain = value.slice(value.lastIndexOf('@') + 1).toLowerCase();
  return domain.length > 0 && domain.length <= 253 ? domain : null;
}
