import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { DAY_NAMES, MONTH_NAMES } from '@escalations/domain';

/** Every message the service sends has a template of this name. */
export const TEMPLATE_NAMES = [
  'acknowledgement',
  'confirmation',
  'stage-notice',
  'reminder',
  'breach',
  'overall-breach',
  'rationale-request',
  'timescale-request',
  'deadline-changed',
  'rationale-forwarded',
  'added-to-case',
  'record-form',
  'form-problems',
  'command-refused',
  'confirmation-request',
  'delivery-failed',
  'weekly-digest',
  'answer-limit',
  'learning-forwarded',
  'step-reminder',
  'step-breach',
  'learning-request',
] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

type Compiled = Handlebars.TemplateDelegate;

interface TemplateParts {
  subject: Compiled;
  text: Compiled;
  html: Compiled | null;
}

export interface EmailTemplates {
  /** `<policy>/<name>` overrides, then `<name>` defaults */
  parts: Map<string, TemplateParts>;
  layout: Compiled;
}

/**
 * An isolated Handlebars with a fixed set of helpers: templates cannot reach anything else,
 * and text templates are compiled without HTML escaping while HTML ones escape everything.
 */
function createHandlebars(): typeof Handlebars {
  const handlebars = Handlebars.create();
  handlebars.registerHelper('longDate', (value: unknown) => {
    if (typeof value !== 'string') return '';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
    const date = new Date(`${value}T12:00:00Z`);
    return `${DAY_NAMES[date.getUTCDay()]} ${date.getUTCDate()} ${MONTH_NAMES[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
  });
  handlebars.registerHelper('indent', (value: unknown) =>
    (typeof value === 'string' ? value : '')
      .split('\n')
      .map((line) => `  ${line}`)
      .join('\n'),
  );
  return handlebars;
}

/**
 * Read the templates under `dir` (policies/templates) and each policy's overrides under
 * `dir/<policy>`. A missing default template stops start-up, naming the file.
 */
export function loadEmailTemplates(dir: string, policyIds: readonly string[]): EmailTemplates {
  const handlebars = createHandlebars();
  const compile = (file: string, escape: boolean) =>
    handlebars.compile(readFileSync(file, 'utf8'), { noEscape: !escape, strict: false });
  const parts = new Map<string, TemplateParts>();
  const read = (folder: string, name: TemplateName, required: boolean): Partial<TemplateParts> => {
    const file = (part: string) => join(folder, `${name}.${part}.hbs`);
    const found: Partial<TemplateParts> = {};
    for (const part of ['subject', 'text'] as const) {
      if (existsSync(file(part))) found[part] = compile(file(part), false);
      else if (required) throw new Error(`missing email template ${file(part)}`);
    }
    if (existsSync(file('html'))) found.html = compile(file('html'), true);
    return found;
  };
  for (const name of TEMPLATE_NAMES) {
    const defaults = read(dir, name, true) as TemplateParts;
    parts.set(name, {
      subject: defaults.subject,
      text: defaults.text,
      html: defaults.html ?? null,
    });
    for (const policyId of policyIds) {
      const override = read(join(dir, policyId), name, false);
      if (Object.keys(override).length > 0)
        parts.set(`${policyId}/${name}`, { ...parts.get(name)!, ...override });
    }
  }
  const layoutFile = join(dir, 'layout.html.hbs');
  if (!existsSync(layoutFile)) throw new Error(`missing email template ${layoutFile}`);
  return { parts, layout: compile(layoutFile, true) };
}
