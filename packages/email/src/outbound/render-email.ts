import type { EmailTemplates, TemplateName } from './email-templates';

export interface RenderRequest {
  template: TemplateName;
  policyId: string;
  /** everything the body may show */
  data: Record<string, unknown>;
  /** the only things a subject may show: never the child's or adult's identifier */
  subject: {
    ref?: string | null;
    policyTitle: string;
    stageNumber?: number | null;
    actionTitle?: string;
  };
  footer: string;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** Render one message: subject, plain text, and HTML (the text laid out, escaped). */
export function renderEmail(templates: EmailTemplates, request: RenderRequest): RenderedEmail {
  const parts =
    templates.parts.get(`${request.policyId}/${request.template}`) ??
    templates.parts.get(request.template);
  if (!parts) throw new Error(`no template ${request.template}`);
  const subjectData = {
    ref: request.subject.ref ?? null,
    policy: { title: request.subject.policyTitle },
    stage: { number: request.subject.stageNumber ?? null },
    actionTitle: request.subject.actionTitle ?? null,
  };
  const subject = parts.subject(subjectData).replace(/\s+/g, ' ').trim();
  const body = tidy(parts.text(request.data));
  const text = `${body}\n\n-- \n${request.footer}\n`;
  const html = parts.html
    ? parts.html({ ...request.data, footer: request.footer })
    : templates.layout({ paragraphs: body.split(/\n{2,}/), footer: request.footer });
  return { subject, text, html };
}

/** Template conditionals leave runs of blank lines; a message reads better without them. */
function tidy(text: string): string {
  return text
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
