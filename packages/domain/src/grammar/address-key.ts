/**
 * The one way the service compares and stores addresses. A person is known by their address
 * whatever its capitals (Jane.Smith@Council.gov.uk and jane.smith@council.gov.uk are the same
 * participant, as every mail system in use here treats them): trimmed, out of its angle
 * brackets, lower-cased whole.
 */
export function addressKey(address: string): string {
  return address
    .trim()
    .replace(/^<(.*)>$/s, '$1')
    .trim()
    .toLowerCase();
}

/**
 * An address as written for display and for mail: the domain lower-cased (it is
 * case-insensitive everywhere), the local part as its owner wrote it. For `local@domain`
 * already checked by its parser; anything without an @ is returned as it is.
 */
export function withLowerCaseDomain(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0 ? address : address.slice(0, at) + address.slice(at).toLowerCase();
}
