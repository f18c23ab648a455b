import { createSocket, type Socket } from 'node:dgram';
import * as packet from 'dns-packet';

/**
 * A DNS server on loopback for the mail tests: real SPF, DKIM and DMARC records, served
 * over UDP to the service's own resolver (`DNS_SERVERS`), so the sender checks run end to
 * end exactly as in production: mailauth, Node's resolver, timeouts and all.
 *
 * - `txt`: TXT records by name (`school.example.org`, `_dmarc.school.example.org`,
 *   `sel._domainkey.school.example.org`).
 * - `senderDefault`: the SPF record of every other name that is not a DMARC or DKIM name,
 *   so a suite's everyday participants are verified without listing their domains.
 * - `bare`: domains that publish nothing (no `senderDefault` for them).
 * - `silent`: names this server never answers, as a broken or unreachable resolver.
 * Anything else does not exist (NXDOMAIN).
 */
export interface TestDnsZone {
  txt?: Record<string, string[]>;
  senderDefault?: string;
  bare?: string[];
  silent?: string[];
}

/** Every address on loopback may send for a domain with this record. */
export const LOOPBACK_SPF = 'v=spf1 ip4:127.0.0.0/8 ip6:::1 -all';

export class TestDnsServer {
  private socket: Socket | null = null;
  private readonly txt = new Map<string, string[]>();
  private readonly silent = new Set<string>();
  private readonly bare = new Set<string>();

  constructor(private readonly zone: TestDnsZone = {}) {
    for (const [name, records] of Object.entries(zone.txt ?? {})) this.setTxt(name, records);
    for (const name of zone.silent ?? []) this.silent.add(name.toLowerCase());
    for (const name of zone.bare ?? []) this.bare.add(name.toLowerCase());
  }

  /** `127.0.0.1:<port>`, for `DNS_SERVERS`. */
  async start(): Promise<string> {
    const socket = createSocket('udp4');
    socket.on('message', (message, remote) => {
      const reply = this.answer(message);
      if (reply) socket.send(reply, remote.port, remote.address);
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(0, '127.0.0.1', () => resolve());
    });
    this.socket = socket;
    return `127.0.0.1:${socket.address().port}`;
  }

  setTxt(name: string, records: string[]): void {
    this.txt.set(name.toLowerCase(), records);
  }

  async stop(): Promise<void> {
    const socket = this.socket;
    this.socket = null;
    if (socket) await new Promise<void>((resolve) => socket.close(() => resolve()));
  }

  private answer(message: Buffer): Buffer | null {
    let query: packet.Packet;
    try {
      query = packet.decode(message);
    } catch {
      return null;
    }
    const question = query.questions?.[0];
    if (!question) return null;
    const name = question.name.toLowerCase();
    if (this.silent.has(name)) return null;
    const records = question.type === 'TXT' ? this.recordsOf(name) : undefined;
    const exists = records !== undefined || this.nameExists(name);
    return packet.encode({
      id: query.id,
      type: 'response',
      flags: packet.RECURSION_DESIRED | packet.RECURSION_AVAILABLE | (exists ? 0 : 3),
      questions: [question],
      answers: (records ?? []).map((record) => ({
        type: 'TXT' as const,
        name: question.name,
        ttl: 60,
        class: 'IN' as const,
        data: chunks(record),
      })),
    });
  }

  private recordsOf(name: string): string[] | undefined {
    const listed = this.txt.get(name);
    if (listed) return listed;
    return this.hasSenderDefault(name) ? [this.zone.senderDefault!] : undefined;
  }

  private nameExists(name: string): boolean {
    return this.txt.has(name) || this.hasSenderDefault(name);
  }

  private hasSenderDefault(name: string): boolean {
    const special = name.startsWith('_dmarc.') || name.includes('._domainkey.');
    return this.zone.senderDefault !== undefined && !special && !this.bare.has(name);
  }
}

/** A TXT record's text as character-strings of at most 255 octets (RFC 1035 section 3.3). */
function chunks(record: string): string[] {
  const parts: string[] = [];
  for (let start = 0; start < record.length; start += 255)
    parts.push(record.slice(start, start + 255));
  return parts.length > 0 ? parts : [''];
}
