import { AdminApi, type CaseView, type SweepReport } from './api';
import type { CapturedMail } from './capture-smtp';
import { MAIL_DOMAIN, type RunningService } from './service';
import { WorkingDays } from './working-days';

export interface Person {
  name: string;
  email: string;
}

export const person = (name: string, email: string): Person => ({ name, email });

/** `Name <email>`, as a form or a `Next contact:` line writes a person. */
export const mailbox = (who: Person): string => `${who.name} <${who.email}>`;

/** The escalation form of CONTRACT.md, one `Label: value` line each. */
export function escalationForm(fields: {
  caseName: string;
  agency: string;
  otherAgency: string;
  disagreement: string;
  category: string;
  manager: Person;
  otherPractitioner: Person;
  outcomeSought: string;
}): string {
  return [
    `Case: ${fields.caseName}`,
    `Agency: ${fields.agency}`,
    `Other agency: ${fields.otherAgency}`,
    `Disagreement: ${fields.disagreement}`,
    `Category: ${fields.category}`,
    `Manager: ${mailbox(fields.manager)}`,
    `Other practitioner: ${mailbox(fields.otherPractitioner)}`,
    `Outcome sought: ${fields.outcomeSought}`,
  ].join('\n');
}

/** What one step delivered: address → the kinds of mail it got (see `kindOf`). */
export type Delivered = Record<string, string[]>;

/** The same kinds of mail to each of several people. */
export function each(people: readonly (Person | string)[], kinds: string[]): Delivered {
  return Object.fromEntries(
    people.map((who) => [typeof who === 'string' ? who : who.email, [...kinds].sort()]),
  );
}

/** An expected `Delivered`, its lists sorted as a step's are. */
export function mailTo(...parts: Delivered[]): Delivered {
  const all: Delivered = {};
  for (const part of parts) {
    for (const [address, kinds] of Object.entries(part))
      all[address] = [...(all[address] ?? []), ...kinds].sort();
  }
  return all;
}

/**
 * One case driven through the running service the way its people would: the raise and
 * every reply by email over SMTP, the scheduler through the API, the clock moved by the
 * test. Each step waits until the service has processed everything and sent every message
 * it queued, then returns what each address received during the step, its kinds sorted, so
 * that a step's check is about what was sent; `received` gives the order it arrived in.
 *
 * Dates: after the raise, `d0` is the raise's start day by the suite's own working-day
 * helper; `day(n)` is D0 + n working days and `at(n, '10:00')` a local time on it, in the
 * policy calendar's zone.
 */
export class CaseFlow {
  readonly api: AdminApi;
  readonly days: WorkingDays;
  ref = '';
  raisedAt = new Date(0);
  d0 = '';
  /** every step's deliveries, each address's kinds sorted */
  readonly steps: Delivered[] = [];
  /** every step's deliveries, each address's kinds in the order they arrived */
  private readonly arrivals: Delivered[] = [];

  constructor(
    private readonly service: RunningService,
    readonly policyId: string,
    calendarId: string,
  ) {
    this.api = new AdminApi(service.apiUrl);
    this.days = WorkingDays.load(calendarId);
  }

  get mailboxAddress(): string {
    return `${this.policyId}@${MAIL_DOMAIN}`;
  }

  /** D0 + n working days. */
  day(n: number): string {
    return this.days.add(this.d0, n);
  }

  /** A local time on D0 + n working days. */
  at(n: number, time: string): Date {
    return this.days.at(this.day(n), time);
  }

  /** Close of business on D0 + n working days, as an ISO instant. */
  dueAt(n: number): string {
    return this.days.dueAt(this.day(n));
  }

  /**
   * At `at`, email the escalation form to the policy's mailbox (the service dates a raise
   * by its clock when the message arrives); learn the reference from the acknowledgement,
   * and D0 from the case's raisedAt.
   */
  async raise(from: Person, at: Date, form: string): Promise<Delivered> {
    this.service.clock.now = at;
    const before = this.service.world.received.length;
    const delivered = await this.step(() =>
      this.service.deliver({
        from: mailbox(from),
        to: this.mailboxAddress,
        subject: 'Professional disagreement',
        text: form,
      }),
    );
    const ack = this.service.world.received
      .slice(before)
      .find((mail) => mail.kind === 'ack:1' && mail.to.includes(from.email));
    if (!ack?.ref) throw new Error(`no acknowledgement to ${from.email}`);
    this.ref = ack.ref;
    this.raisedAt = new Date((await this.case()).raisedAt);
    this.d0 = this.days.startDay(this.raisedAt);
    return delivered;
  }

  /**
   * At `at`, reply to the latest message `from` received about the case, through its signed
   * Reply-To, with `command` as the new text above a signature and the quoted message (which
   * the service must ignore).
   */
  async reply(from: Person, at: Date, command: string): Promise<Delivered> {
    this.service.clock.now = at;
    const latest = this.latestTo(from.email);
    if (!latest.replyTo) throw new Error(`no Reply-To on "${latest.subject}"`);
    const quoted = latest.text
      .split('\n')
      .slice(0, 6)
      .map((line) => `> ${line}`)
      .join('\n');
    return this.step(() =>
      this.service.deliver({
        from: mailbox(from),
        to: latest.replyTo!,
        subject: `Re: ${latest.subject}`,
        inReplyTo: latest.messageId,
        references: [latest.messageId],
        text: `${command}\n\n-- \n${from.name}\n\nOn ${at.toUTCString()}, ${this.policyId} escalations wrote:\n${quoted}\n`,
      }),
    );
  }

  /**
   * At `at`, a new message (not a reply) to the policy's mailbox, naming the case only by
   * `[REF]` in its subject, as someone who was never sent mail about the case would write.
   */
  async write(from: Person, at: Date, subject: string, text: string): Promise<Delivered> {
    this.service.clock.now = at;
    return this.step(() =>
      this.service.deliver({ from: mailbox(from), to: this.mailboxAddress, subject, text }),
    );
  }

  /** At `at`, one deadline sweep through the API; the digests of a Monday come apart. */
  async sweep(
    at: Date,
  ): Promise<{ report: SweepReport; delivered: Delivered; digests: CapturedMail[] }> {
    this.service.clock.now = at;
    const before = this.service.world.received.length;
    let report: SweepReport | undefined;
    const delivered = await this.step(async () => {
      report = await this.api.sweep();
    });
    const digests = this.service.world.received
      .slice(before)
      .filter((mail) => mail.kind === 'digest');
    return { report: report!, delivered, digests };
  }

  case(): Promise<CaseView> {
    return this.api.case(this.ref);
  }

  /** The messages `address` received about the case, oldest first. */
  mailOf(address: string): CapturedMail[] {
    // the learning request that follows a closing is checked by the mail specs, not the journeys
    return this.service.world
      .inbox(address)
      .filter((mail) => mail.ref === this.ref && mail.kind !== 'learning-request');
  }

  /** Everything `address` received about the case so far, in the order it arrived. */
  received(address: string): string[] {
    return this.arrivals.flatMap((step) => step[address.toLowerCase()] ?? []);
  }

  /** The latest message `address` received about the case. */
  latestTo(address: string): CapturedMail {
    const latest = this.mailOf(address).at(-1);
    if (!latest) throw new Error(`${address} has no mail about ${this.ref}`);
    return latest;
  }

  private async step(action: () => Promise<void>): Promise<Delivered> {
    const before = this.service.world.received.length;
    await action();
    await this.service.settle();
    const arrived: Delivered = {};
    for (const mail of this.service.world.received.slice(before)) {
      // The Monday digest goes to every partnership whatever the step: not this case's mail.
      if (mail.kind === 'digest') continue;
      // The learning request follows every closing, a message to each participant that the mail
      // specs check (apps/mail learning.medium-spec.ts): not a part the journeys call for.
      if (mail.kind === 'learning-request') continue;
      for (const address of mail.to) (arrived[address] ??= []).push(mail.kind);
    }
    const delivered = Object.fromEntries(
      Object.entries(arrived).map(([address, kinds]) => [address, [...kinds].sort()]),
    );
    this.arrivals.push(arrived);
    this.steps.push(delivered);
    return delivered;
  }
}

/** A message's text on one line, single-spaced, so a check need not know where it wraps. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
