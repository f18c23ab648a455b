import { mkdtempSync, mkdirSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEmailTemplates, TEMPLATE_NAMES, type TemplateName } from './email-templates';
import { renderEmail } from './render-email';

const TEMPLATES_DIR = join(__dirname, '../../../../policies/templates');
const templates = loadEmailTemplates(TEMPLATES_DIR, ['nel']);

const stage = {
  number: 2,
  title: 'Organisation safeguarding representative',
  whoActs: 'The senior manager',
  dueDate: '2027-01-06',
};
const data = {
  ref: 'NEL-2026-0007',
  policy: { id: 'nel', title: 'NEL Safeguarding Escalation Procedure' },
  stage,
  case: {
    caseName: 'Jamie Doe (NHS 943 476 5919)',
    agency: 'Grange Primary School',
    otherAgency: "Children's Services",
    disagreement: 'Referral closed <script>alert(1)</script> without "assessment" & review',
    categoryLabel: 'Referral thresholds',
  },
  urgentGuidance: 'Contact MASH (children) or SPA (adults) the same working day.',
  actionTitle: 'Escalated',
  actor: 'dan.reed@school.example.org',
  verified: true,
  text: 'No agreement on the threshold.\nSecond line.',
  outstanding: ['GP report by Friday'],
  says: 'The agency emails the detail to the business manager.',
  source: 'The agency raising the dispute must email detail',
  dueDate: '2026-12-24',
  escalatedTo: {
    number: 2,
    title: 'Organisation safeguarding representative',
    dueDate: '2027-01-06',
  },
  askRationale: true,
  rationale: 'The GP was on leave.',
  problems: ['Missing "Other agency:"', 'Category "gossip" is not one of ...'],
  blankForm: 'Case: [required]\nAgency: [required]',
};

const render = (template: TemplateName, policyId = 'nel') =>
  renderEmail(templates, {
    template,
    policyId,
    data,
    subject: {
      ref: data.ref,
      policyTitle: data.policy.title,
      stageNumber: 2,
      actionTitle: 'Escalated',
    },
    footer: 'Sent by the escalation service of the NEL Safeguarding Children Partnership.',
  });

describe('email templates', () => {
  it.each(TEMPLATE_NAMES)("renders %s with a subject free of the child's identifier", (name) => {
    const email = render(name);
    expect(email.subject.length).toBeGreaterThan(10);
    expect(email.subject).not.toMatch(/Jamie|943 476|\{\{|undefined|null/);
    expect(email.text).not.toMatch(/\{\{|undefined|\[object Object\]/);
    expect(email.text).toMatch(/\n-- \nSent by the escalation service/);
    expect(email.html).toMatch(/^<!doctype html>/);
  });

  it('puts the reference in brackets in the subject, so replies find their case', () => {
    expect(render('reminder').subject).toBe(
      '[NEL-2026-0007] Reminder: stage 2 is due on the next working day',
    );
  });

  it('escapes the case in HTML and leaves the text as written', () => {
    const email = render('stage-notice');
    expect(email.text).toContain(
      'Referral closed <script>alert(1)</script> without "assessment" & review',
    );
    expect(email.html).toContain(
      'Referral closed &lt;script&gt;alert(1)&lt;/script&gt; without &quot;assessment&quot; &amp; review',
    );
    expect(email.html).not.toContain('<script>');
  });

  it('writes dates as people read them', () => {
    expect(render('reminder').text).toContain('Wednesday 6 January 2027');
  });

  it('lets a policy override a template', () => {
    const dir = mkdtempSync(join(tmpdir(), 'templates-'));
    cpSync(TEMPLATES_DIR, dir, { recursive: true });
    mkdirSync(join(dir, 'kirklees'));
    writeFileSync(join(dir, 'kirklees', 'reminder.text.hbs'), 'Kirklees reminder for {{ref}}.');
    const overridden = loadEmailTemplates(dir, ['kirklees', 'nel']);
    const request = {
      template: 'reminder' as const,
      data,
      subject: { ref: data.ref, policyTitle: 'KSCP' },
      footer: 'f',
    };
    expect(renderEmail(overridden, { ...request, policyId: 'kirklees' }).text).toMatch(
      /^Kirklees reminder for NEL-2026-0007\./,
    );
    expect(renderEmail(overridden, { ...request, policyId: 'nel' }).text).toMatch(/^Stage 2/);
  });

  it('refuses to start without a template, naming the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'templates-'));
    expect(() => loadEmailTemplates(dir, [])).toThrow(
      /missing email template .*acknowledgement\.subject\.hbs/,
    );
  });
});
