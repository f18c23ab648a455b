/** The benchmark's escalations come from practitioners at this many schools, a domain each. */
export const SENDER_SCHOOLS = 50;

export function schoolDomain(i: number): string {
  return `school${i % SENDER_SCHOOLS}.example.org`;
}

/**
 * The schools' TXT records: each publishes SPF for the loopback address its mail comes from
 * and a DMARC policy, as agencies' domains do, so that every message takes mailauth's whole
 * path to a verified sender, not the shorter one of a domain that publishes nothing.
 */
export const SENDER_SCHOOLS_TXT: Record<string, string[]> = Object.fromEntries(
  Array.from({ length: SENDER_SCHOOLS }, (_, i) => schoolDomain(i)).flatMap(
    (domain): [string, string[]][] => [
      [domain, ['v=spf1 ip4:127.0.0.1 -all']],
      [`_dmarc.${domain}`, ['v=DMARC1; p=reject']],
    ],
  ),
);
