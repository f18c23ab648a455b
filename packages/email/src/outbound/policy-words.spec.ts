/**
 * Issue 10, item 13: each policy's own words in what the service sends. Rendered from the
 * real templates and policy files: every subject stays under 100 characters with the
 * policy's short title and the longest reference and action; the acknowledgement offers
 * EXTEND only where the policy sets timescales; the form-problems answer states the
 * immediate-risk guidance once, with the services to call as the document prints them.
 */
import { join } from 'node:path';
import { readPolicyLibrary } from '@escalations/domain/files';
import { loadEmailTemplates, TEMPLATE_NAMES } from './email-templates';
import { renderEmail } from './render-email';

const POLICIES_DIR = join(__dirname, '../../../../policies');
const library = readPolicyLibrary(POLICIES_DIR);
const policies = [...library.policies.values()];
const templates = loadEmailTemplates(
  join(POLICIES_DIR, 'templates'),
  policies.map((policy) => policy.id),
);
// the longest action title a subject can carry
const ACTION_TITLES = ['Timescale extended', 'Rationale recorded', 'Outcome proposed'];

function render(
  policyId: string,
  template: (typeof TEMPLATE_NAMES)[number],
  data: Record<string, unknown>,
) {
  const policy = library.policies.get(policyId)!;
  return renderEmail(templates, {
    template,
    policyId,
    data: {
      ref: `${policy.code}-2026-0001`,
      policy: { id: policy.id, title: policy.title },
      ...data,
    },
    subject: { ref: `${policy.code}-2026-9999`, policyTitle: policy.shortTitle, stageNumber: 9 },
    footer: 'footer',
  });
}

describe('subjects stay under 100 characters', () => {
  test.each(
    policies.flatMap((policy) =>
      TEMPLATE_NAMES.map((name): [string, (typeof TEMPLATE_NAMES)[number]] => [policy.id, name]),
    ),
  )('%s %s', (policyId, name) => {
    const policy = library.policies.get(policyId)!;
    for (const actionTitle of ACTION_TITLES) {
      const { subject } = renderEmail(templates, {
        template: name,
        policyId,
        data: {},
        subject: {
          ref: `${policy.code}-2026-9999`,
          policyTitle: policy.shortTitle,
          stageNumber: 9,
          actionTitle,
        },
        footer: 'footer',
      });
      expect(subject.length).toBeLessThan(100);
    }
  });

  test('the full titles would not fit: the short title is what keeps them short', () => {
    const nel = library.policies.get('nel')!;
    expect(`[NEL-2026-9999] Timescale extended: stage 9 of ${nel.title}`.length).toBeGreaterThan(
      100,
    );
  });
});

describe('the acknowledgement offers only the commands the policy allows', () => {
  const stage = (dueDate: string | null) => ({ number: 1, title: 'T', whoActs: 'W', dueDate });

  test('chew-stoke sets no timescales: no EXTEND', () => {
    const { text } = render('chew-stoke', 'acknowledgement', {
      stage: stage(null),
      verified: true,
    });
    expect(text).not.toContain('EXTEND');
    expect(text).toContain('ESCALATE');
  });

  test('nel sets timescales: EXTEND is offered', () => {
    const { text } = render('nel', 'acknowledgement', {
      stage: stage('2026-12-01'),
      verified: true,
    });
    expect(text).toContain('EXTEND <n>');
    expect(text).toContain('EXTEND TO yyyy-mm-dd');
  });
});

describe('the immediate-risk guidance, stated once, with the services to call', () => {
  test.each(policies.map((policy) => policy.id))('form-problems for %s', (policyId) => {
    const policy = library.policies.get(policyId)!;
    const { text } = render(policyId, 'form-problems', {
      problems: ['Missing "Case:"'],
      blankForm: 'Case: [the child]',
      urgentGuidance: policy.urgentGuidance.text,
      urgentRoutes: policy.urgentGuidance.routes ?? [],
    });
    const said = (words: string) => text.split(words).length - 1;
    expect(said(policy.urgentGuidance.text.replace(/\s+/g, ' '))).toBe(1);
    expect(said('IMMEDIATE RISK')).toBe(1);
    expect(said('do not wait for this:')).toBe(0);
    for (const route of policy.urgentGuidance.routes ?? []) expect(said(route)).toBe(1);
  });

  test('the documents’ routes are the ones given', () => {
    const { text: nel } = render('nel', 'form-problems', {
      problems: ['x'],
      urgentGuidance: library.policies.get('nel')!.urgentGuidance.text,
      urgentRoutes: library.policies.get('nel')!.urgentGuidance.routes,
    });
    expect(nel).toContain('Multi-Agency Safeguarding Hub (MASH): 01472 326292');
    expect(nel).toContain('Single Point Access Focus (SPA) 01472 256256');
    const { text: kirklees } = render('kirklees', 'acknowledgement', {
      stage: { number: 1, title: 'T', whoActs: 'W', dueDate: '2026-12-01' },
      verified: true,
      urgentGuidance: library.policies.get('kirklees')!.urgentGuidance.text,
      urgentRoutes: library.policies.get('kirklees')!.urgentGuidance.routes,
    });
    expect(kirklees).toContain('Duty & Advice Professional Number 01484 414960 or 999');
  });
});
