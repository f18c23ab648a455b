import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  buildPolicyLibrary,
  formatTable,
  InvalidFileError,
  policyYamlValue,
  quotesNotInDocument,
  type FileProblem,
  type PolicyFile,
  type PolicyLibrary,
  type SourceFile,
} from '@escalations/domain';
import { defaultPoliciesDir } from '@escalations/domain/files';
import { deadlinesCommand, describeKind } from './deadlines.command';

export const POLICY_USAGE = `Usage: npm run -s policy -- check <file> [--raised <when>]

Checks a policy file as the service's start-up does (its shape, its calendar, an id and a
code no other policy in force has), then that every quotation (source:, ...Source:,
wordings:, routes:) stands word for word in its document (document: in the file, relative
to it), naming any that does not and the passage nearest to it. Prints the stage table and
every stage's deadline for a sample raise. Exit code 0: no problem; 1: problems, listed; 2:
the command line is wrong.
  <file>    the policy file, e.g. policies/nel.yaml or examples/st-helens.yaml
  --raised  the sample raise: 2026-12-23T10:00 (local), 2026-12-23T10:00:00Z or 2026-12-23
            (09:00 local); default today at 10:00 local

The other policies and the calendars are those in force: POLICIES_DIR, else the repository's
policies/. Calendars beside the file (<its folder>/calendars) are used where there are some.`;

export interface CommandResult {
  code: 0 | 1 | 2;
  out: string;
}

/** `npm run -s policy -- check <file>`: what to print and the exit code; reads, never writes. */
export function policyCheckCommand(
  argv: string[],
  env: Record<string, string | undefined>,
  cwd: string,
  today: () => Date = () => new Date(),
): CommandResult {
  let values: { raised?: string | undefined; help?: boolean | undefined };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      options: { raised: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    }));
  } catch (error) {
    return { code: 2, out: `${(error as Error).message}\n\n${POLICY_USAGE}` };
  }
  if (values.help) return { code: 0, out: POLICY_USAGE };
  const [command, file, ...rest] = positionals;
  if (command !== 'check' || !file || rest.length > 0)
    return { code: 2, out: `say what to check: check <file>\n\n${POLICY_USAGE}` };

  const path = resolve(cwd, file);
  const shown = relative(cwd, path) || path;
  if (!existsSync(path)) return { code: 1, out: `${shown}: no such file` };
  const text = readFileSync(path, 'utf8');
  const inForce = env.POLICIES_DIR ? resolve(cwd, env.POLICIES_DIR) : defaultPoliciesDir(__dirname);

  const problems: string[] = [];
  const { library, fileProblems } = libraryWith(path, shown, text, inForce);
  problems.push(...fileProblems.map(describe));
  const policy = library?.policies.get(idOf(text) ?? '') ?? null;

  const quoteProblems = checkQuotes(path, shown, text);
  problems.push(...quoteProblems);

  const sections: string[] = [];
  if (policy && library) {
    sections.push(stageTable(policy, library));
    const raised = values.raised ?? `${today().toISOString().slice(0, 10)}T10:00`;
    try {
      sections.push(
        `A raise at ${raised} (${policy.closeOfBusiness} close of business):\n\n` +
          deadlinesCommand(['--policy', policy.id, '--raised', raised], library),
      );
    } catch (error) {
      problems.push(`--raised: ${(error as Error).message}`);
    }
  }
  const verdict =
    problems.length === 0
      ? `${shown}: no problems. Put it and its document in POLICIES_DIR and restart: ` +
        `${policy?.id ?? 'its id'}@<MAIL_DOMAIN> takes its escalations.`
      : `${shown}: ${problems.length} problem${problems.length === 1 ? '' : 's'}\n` +
        problems.map((problem) => `  - ${problem}`).join('\n');
  return { code: problems.length === 0 ? 0 : 1, out: [verdict, ...sections].join('\n\n') };
}

/**
 * The policies in force with this file among them, in place of the one of the same name: the
 * library start-up would build, and the problems it would stop on that concern this file.
 */
function libraryWith(
  path: string,
  shown: string,
  text: string,
  inForce: string,
): { library: PolicyLibrary | null; fileProblems: FileProblem[] } {
  const others = yamlFiles(inForce).filter(
    (other) => basename(other.path) !== basename(path) && resolve(other.path) !== path,
  );
  const beside = join(dirname(path), 'calendars');
  const calendars = yamlFiles(existsSync(beside) ? beside : join(inForce, 'calendars'));
  const policies: SourceFile[] = [
    ...others.map((other) => ({ name: other.path, text: other.text })),
    { name: shown, text },
  ];
  try {
    return { library: buildPolicyLibrary(policies, calendars.map(asSource)), fileProblems: [] };
  } catch (error) {
    if (!(error instanceof InvalidFileError)) throw error;
    // Another file's problem stops start-up too, but it is that file's to fix: said once.
    return { library: null, fileProblems: error.problems };
  }
}

/** Every quotation of the file that its document does not hold, and a missing document. */
function checkQuotes(path: string, shown: string, text: string): string[] {
  const parsed = policyYamlValue(text);
  const document = (parsed as { document?: unknown } | null)?.document;
  if (typeof document !== 'string') return [];
  const documentPath = resolve(dirname(path), document);
  if (!existsSync(documentPath))
    return [`document: ${document} is not there (looked for ${documentPath})`];
  return quotesNotInDocument(parsed, readFileSync(documentPath, 'utf8')).map(
    (missing) =>
      `${shown} at ${missing.path}: not in ${document}:\n` +
      `      "${missing.quote}"\n` +
      `    nearest passage:\n      "${missing.nearest}"`,
  );
}

function stageTable(policy: PolicyFile, library: PolicyLibrary): string {
  const calendar = library.calendars.get(policy.calendar);
  const rows = policy.stages.map((stage) => [
    stage.number,
    stage.title,
    stage.deadline ? stage.deadline.workingDays : '-',
    stage.notices.map((notice) => `${notice.on} → ${notice.to}`).join('; ') || '-',
  ]);
  return [
    `${policy.id} (${policy.code}): ${policy.title}`,
    `  ${policy.partnership}; ${policy.serves.join(' and ')}; calendar ${calendar?.title ?? policy.calendar}`,
    `  timescale: ${describeKind(policy.timescale.kind)}; on breach: ${policy.breach.rule}`,
    `  mailbox: ${policy.id}@<MAIL_DOMAIN>; partnership roles: ${policy.partnershipRoles.map((role) => role.key).join(', ')}`,
    '',
    formatTable(['stage', 'title', 'working days', 'notices'], rows),
    ...stepLines(policy),
  ].join('\n');
}

/** The timed steps inside stages (NEL stage 5: the Chair's recommendation), one line each. */
function stepLines(policy: PolicyFile): string[] {
  const FROM = { 'stage-entry': 'the stage began', 'enter-notice': "the stage's enter notice" };
  const lines = policy.stages.flatMap((stage) =>
    stage.steps.map(
      (step) =>
        `  stage ${stage.number} step ${step.id}: ${step.title}; ${step.who} acts within ` +
        `${step.due.workingDays} working days of ${FROM[step.due.from]}; ${step.reply} records it`,
    ),
  );
  return lines.length > 0 ? ['', 'timed steps:', ...lines] : [];
}

function describe(problem: FileProblem): string {
  return `${problem.file}${problem.path ? ` at ${problem.path}` : ''}: ${problem.message}`;
}

function idOf(text: string): string | null {
  const id = (policyYamlValue(text) as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : null;
}

function yamlFiles(dir: string): { path: string; text: string }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.yaml'))
    .map((entry) => entry.name)
    .sort()
    .map((name) => ({ path: join(dir, name), text: readFileSync(join(dir, name), 'utf8') }));
}

function asSource(file: { path: string; text: string }): SourceFile {
  return { name: file.path, text: file.text };
}
