/**
 * Every policy file in policies/ (whichever are present: no list of ids): they load through readPolicyLibrary; every quotation in
 * them (`source`, `rolesSource`, anywhere in the YAML) is found word for word in the document it
 * quotes, policies/documents/<id>.txt, once runs of whitespace are collapsed to one space on both
 * sides (nothing else is normalised); ids, codes and calendars are the expected ones; no email
 * address or phone number is in any policy file; and a broken policy file fails naming the file
 * and the path inside it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { readPolicyLibrary } from '../src/files/read-policy-library';
import { buildPolicyLibrary, type SourceFile } from '../src/library/build-policy-library';
import { InvalidFileError, parsePolicy } from '../src/policy/parse-policy';

const POLICIES_DIR = join(__dirname, '../../../policies');
/** The policies present: every policies/<id>.yaml. */
const POLICY_IDS = readdirSync(POLICIES_DIR)
  .filter((name) => name.endsWith('.yaml'))
  .map((name) => name.slice(0, -'.yaml'.length))
  .sort();
type PolicyId = string;
const CALENDAR_IDS = [
  'england-and-wales',
  'scotland',
  'northern-ireland',
  'guernsey',
  'alderney',
] as const;

const collapse = (text: string): string => text.replace(/\s+/g, ' ');
const policyText = (id: PolicyId): string => readFileSync(join(POLICIES_DIR, `${id}.yaml`), 'utf8');
const documentText = (id: PolicyId): string =>
  readFileSync(join(POLICIES_DIR, 'documents', `${id}.txt`), 'utf8');

// ---------------------------------------------------------------------------------------------
// loading
// ---------------------------------------------------------------------------------------------

describe('the policy library loads', () => {
  const library = readPolicyLibrary(POLICIES_DIR);

  test('every policy file present and the five calendars load through readPolicyLibrary', () => {
    expect(POLICY_IDS.length).toBeGreaterThan(0);
    expect([...library.policies.keys()].sort()).toEqual([...POLICY_IDS].sort());
    expect([...library.calendars.keys()].sort()).toEqual([...CALENDAR_IDS].sort());
  });

  test.each(POLICY_IDS)('%s: its document is documents/<id>.txt, present', (id) => {
    expect(library.policies.get(id)?.document).toBe(`documents/${id}.txt`);
    expect(documentText(id).length).toBeGreaterThan(0);
  });

  // the partnerships this repository ships, as their documents have them
  test.each([
    { id: 'islands', code: 'ISP', calendar: 'guernsey', zone: 'Europe/Guernsey' },
    { id: 'nel', code: 'NEL', calendar: 'england-and-wales', zone: 'Europe/London' },
    { id: 'south-glos', code: 'SGSAB', calendar: 'england-and-wales', zone: 'Europe/London' },
    { id: 'kirklees', code: 'KSCP', calendar: 'england-and-wales', zone: 'Europe/London' },
    { id: 'chew-stoke', code: 'CSO', calendar: 'england-and-wales', zone: 'Europe/London' },
  ])(
    '$id: code $code, calendar $calendar ($zone), document documents/$id.txt',
    ({ id, code, calendar, zone }) => {
      const policy = library.policies.get(id);
      expect(policy).toBeDefined();
      expect(policy?.id).toBe(id);
      expect(policy?.code).toBe(code);
      expect(policy?.calendar).toBe(calendar);
      expect(policy?.closeOfBusiness).toBe('17:00');
      expect(policy?.document).toBe(`documents/${id}.txt`);
      expect(library.calendars.get(calendar)?.zone).toBe(zone);
    },
  );
});

// ---------------------------------------------------------------------------------------------
// every quotation is in the document
// ---------------------------------------------------------------------------------------------

interface Quote {
  id: PolicyId;
  /** where in the YAML, e.g. stages[2].deadline.source */
  path: string;
  quote: string;
}

const isQuoteKey = (key: string): boolean => key === 'source' || key.endsWith('Source');

/** every `source` / `...Source` string and `wordings` item anywhere in a parsed YAML value, with its path */
function quotesIn(value: unknown, path: string, found: { path: string; quote: string }[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => quotesIn(item, `${path}[${i}]`, found));
    return;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      const childPath = path ? `${path}.${key}` : key;
      if ((key === 'wordings' || key === 'routes') && Array.isArray(child)) {
        child.forEach((quote: unknown, i) => {
          if (typeof quote !== 'string') throw new Error(`${childPath}[${i}] is not a string`);
          found.push({ path: `${childPath}[${i}]`, quote });
        });
      } else if (isQuoteKey(key)) {
        if (typeof child !== 'string') throw new Error(`${childPath} is not a string`);
        found.push({ path: childPath, quote: child });
      } else {
        quotesIn(child, childPath, found);
      }
    }
  }
}

const quotes: Quote[] = POLICY_IDS.flatMap((id) => {
  const found: { path: string; quote: string }[] = [];
  quotesIn(parse(policyText(id)) as unknown, '', found);
  return found.map((q) => ({ id, ...q }));
});

describe('every quotation in a policy file is in its document (whitespace collapsed)', () => {
  const documents = new Map(POLICY_IDS.map((id) => [id, collapse(documentText(id))]));

  test.each(POLICY_IDS)(
    '%s has quotations in its stages, its timescale and its partnership roles',
    (id) => {
      const paths = quotes.filter((q) => q.id === id).map((q) => q.path);
      expect(paths).toContain('timescale.source');
      expect(paths).toContain('urgentGuidance.source');
      expect(paths).toContain('partnershipRoles[0].source');
      expect(paths).toContain('stages[0].source');
      expect(paths.some((p) => /^categories\[\d+\]\.source$/.test(p))).toBe(true);
    },
  );

  test('the walk finds the nested quotations too (notices, record forms, role ladders)', () => {
    const paths = new Set(quotes.map((q) => `${q.id} ${q.path}`));
    expect(paths).toContain('islands stages[1].notices[0].source');
    expect(paths).toContain('islands recordForms[0].source');
    expect(paths).toContain('nel stages[0].rolesSource');
    expect(paths).toContain('south-glos stages[3].rolesSource');
    expect(paths).toContain('kirklees stages[4].deadline.source');
    expect(paths).toContain('kirklees categories[7].wordings[0]');
    expect(paths).toContain('nel urgentGuidance.routes[1]');
    expect(paths).toContain('chew-stoke stages[3].notices[0].source');
  });

  test.each(quotes)('$id $path', ({ id, quote }) => {
    expect(documents.get(id)).toContain(collapse(quote));
  });
});

// ---------------------------------------------------------------------------------------------
// no personal contact details
// ---------------------------------------------------------------------------------------------

describe('no email address or phone number in any policy file, but a service’s own', () => {
  const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+/;
  // UK numbers (+44 ..., 01481 ..., 0800 ...) and any run of nine or more digits, spaced or not
  const UK_PHONE = /(\+\s?44|\(0\d+\)|\b0\d{2,4})(?:[\s-]?\d){6,}/;
  const LONG_NUMBER = /\d(?:[\s-]?\d){8,}/;

  /** The immediate-risk routes: services' numbers as the document prints them (issue 10). */
  const routesOf = (id: PolicyId): string[] =>
    (parse(policyText(id)) as { urgentGuidance: { routes?: string[] } }).urgentGuidance.routes ??
    [];

  test.each(POLICY_IDS)('%s.yaml', (id) => {
    let text = policyText(id);
    for (const route of routesOf(id)) text = text.replace(route, '');
    expect(text).not.toMatch(EMAIL);
    expect(text).not.toMatch(UK_PHONE);
    expect(text).not.toMatch(LONG_NUMBER);
  });

  test('the numbers kept are the immediate-risk services’, not people’s', () => {
    const routes = POLICY_IDS.flatMap(routesOf);
    expect([...routes].sort()).toEqual([
      'Duty & Advice Professional Number 01484 414960 or 999',
      'Multi-Agency Safeguarding Hub (MASH): 01472 326292',
      'Single Point Access Focus (SPA) 01472 256256',
    ]);
    for (const route of routes) expect(route).not.toMatch(EMAIL);
  });

  test('the patterns do catch what they are for', () => {
    expect('write to csrs@example.gov.uk').toMatch(EMAIL);
    expect('call 01481 123456').toMatch(UK_PHONE);
    expect('call +44 1484 414960').toMatch(UK_PHONE);
    expect('call 0800 123 4567').toMatch(UK_PHONE);
    expect('call 01484414960').toMatch(LONG_NUMBER);
    expect('or call 999').not.toMatch(UK_PHONE);
  });
});

// ---------------------------------------------------------------------------------------------
// a broken policy file names the file and the path
// ---------------------------------------------------------------------------------------------

/** `text` with `from` replaced by `to`; `from` must occur exactly once, so the edit is the one meant */
function replaceOnce(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0)
    throw new Error(`expected exactly one ${JSON.stringify(from)}`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

const calendarFiles: SourceFile[] = CALENDAR_IDS.map((id) => ({
  name: `policies/calendars/${id}.yaml`,
  text: readFileSync(join(POLICIES_DIR, 'calendars', `${id}.yaml`), 'utf8'),
}));

/** the five real policies, with nel.yaml's text replaced */
function libraryWithNel(nelText: string, nelName = 'policies/nel.yaml'): () => unknown {
  const files: SourceFile[] = POLICY_IDS.map((id) =>
    id === 'nel'
      ? { name: nelName, text: nelText }
      : { name: `policies/${id}.yaml`, text: policyText(id) },
  );
  return () => buildPolicyLibrary(files, calendarFiles);
}

function invalidFileErrorOf(run: () => unknown): InvalidFileError {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidFileError) return error;
    throw error;
  }
  throw new Error('expected an InvalidFileError, but nothing was thrown');
}

describe('a broken policy file fails with the file name and the path', () => {
  const nel = policyText('nel');

  test("the unedited texts build a library (so each failure below is the edit's)", () => {
    expect(() => libraryWithNel(nel)()).not.toThrow();
    expect(parsePolicy(nel, 'policies/nel.yaml').id).toBe('nel');
  });

  test('nel stage 3 "workingDays: 11" changed to 7: a cumulative deadline must increase', () => {
    const broken = replaceOnce(nel, 'workingDays: 11', 'workingDays: 7');
    for (const run of [() => parsePolicy(broken, 'policies/nel.yaml'), libraryWithNel(broken)]) {
      const error = invalidFileErrorOf(run);
      expect(error.message).toContain('policies/nel.yaml');
      expect(error.message).toContain('stages[2].deadline.workingDays');
      expect(error.problems).toContainEqual(
        expect.objectContaining({
          file: 'policies/nel.yaml',
          path: 'stages[2].deadline.workingDays',
        }),
      );
    }
  });

  test('a YAML syntax error (an unclosed flow sequence)', () => {
    const broken = replaceOnce(nel, 'serves: [children, adults]', 'serves: [children, adults');
    const error = invalidFileErrorOf(() => parsePolicy(broken, 'policies/nel.yaml'));
    expect(error.message).toContain('policies/nel.yaml');
    expect(error.message).toContain('not valid YAML');
    expect(invalidFileErrorOf(libraryWithNel(broken)).message).toContain('policies/nel.yaml');
  });

  test('a YAML duplicate key is refused', () => {
    const broken = replaceOnce(nel, 'code: NEL\n', 'code: NEL\ncode: NLX\n');
    const error = invalidFileErrorOf(() => parsePolicy(broken, 'policies/nel.yaml'));
    expect(error.message).toContain('policies/nel.yaml');
    expect(error.message).toContain('not valid YAML');
  });

  test.each([
    {
      name: 'a calendars list whose first is not the default calendar',
      calendars: '[{ id: scotland, source: "Timescale Stage 1: (Working Day 1-2)" }]',
      path: 'calendars[0].id',
      message: 'the first calendar is the default: expected england-and-wales',
    },
    {
      name: 'a calendars list naming a calendar that does not exist',
      calendars:
        '[{ id: england-and-wales, source: "Timescale Stage 1: (Working Day 1-2)" }, { id: wales, source: "Timescale Stage 1: (Working Day 1-2)" }]',
      path: 'calendars[1].id',
      message: 'no calendar "wales"',
    },
  ])('$name (issue 12, item 5)', ({ calendars, path, message }) => {
    const broken = replaceOnce(
      nel,
      'calendar: england-and-wales',
      `calendar: england-and-wales\ncalendars: ${calendars}`,
    );
    const error = invalidFileErrorOf(libraryWithNel(broken));
    expect(error.message).toContain(message);
    expect(error.problems).toEqual([
      expect.objectContaining({
        file: 'policies/nel.yaml',
        path: expect.stringContaining(path.slice(-4)),
      }),
    ]);
  });

  test('an unknown calendar', () => {
    const broken = replaceOnce(nel, 'calendar: england-and-wales', 'calendar: wales');
    const error = invalidFileErrorOf(libraryWithNel(broken));
    expect(error.message).toContain('policies/nel.yaml at calendar');
    expect(error.message).toContain('wales');
    expect(error.problems).toEqual([
      expect.objectContaining({ file: 'policies/nel.yaml', path: 'calendar' }),
    ]);
  });

  test('a missing required field (code)', () => {
    const broken = replaceOnce(nel, 'code: NEL\n', '');
    const error = invalidFileErrorOf(() => parsePolicy(broken, 'policies/nel.yaml'));
    expect(error.message).toContain('policies/nel.yaml at code');
    expect(error.problems).toContainEqual(
      expect.objectContaining({ file: 'policies/nel.yaml', path: 'code' }),
    );
  });

  test('a missing required field inside a stage (stage 2 deadline source)', () => {
    const broken = replaceOnce(
      nel,
      "      source: 'Timescale Stage 2: (To be completed by working day 8)'\n",
      '',
    );
    const error = invalidFileErrorOf(() => parsePolicy(broken, 'policies/nel.yaml'));
    expect(error.message).toContain('policies/nel.yaml at stages[1].deadline.source');
  });

  test('an unknown key at the top level (strict objects)', () => {
    const broken = replaceOnce(nel, 'code: NEL\n', 'code: NEL\ncolour: blue\n');
    const error = invalidFileErrorOf(() => parsePolicy(broken, 'policies/nel.yaml'));
    expect(error.message).toContain('policies/nel.yaml');
    expect(error.message).toContain('colour');
  });

  test('an unknown key inside a stage deadline names the path (strict objects)', () => {
    const broken = replaceOnce(
      nel,
      '      workingDays: 2\n',
      '      workingDays: 2\n      days: 2\n',
    );
    const error = invalidFileErrorOf(() => parsePolicy(broken, 'policies/nel.yaml'));
    expect(error.message).toContain('policies/nel.yaml at stages[0].deadline');
    expect(error.message).toContain('days');
  });

  test('a policy whose id does not match its file name', () => {
    const error = invalidFileErrorOf(libraryWithNel(nel, 'policies/nel-copy.yaml'));
    expect(error.problems).toContainEqual(
      expect.objectContaining({ file: 'policies/nel-copy.yaml', path: 'id' }),
    );
  });

  test('every problem in every file is reported at once', () => {
    const files: SourceFile[] = POLICY_IDS.map((id) => ({
      name: `policies/${id}.yaml`,
      text: policyText(id),
    }));
    const broken = files.map((file) =>
      file.name === 'policies/nel.yaml'
        ? { ...file, text: replaceOnce(file.text, 'workingDays: 11', 'workingDays: 7') }
        : file.name === 'policies/kirklees.yaml'
          ? {
              ...file,
              text: replaceOnce(file.text, 'calendar: england-and-wales', 'calendar: yorkshire'),
            }
          : file,
    );
    const error = invalidFileErrorOf(() => buildPolicyLibrary(broken, calendarFiles));
    expect(error.message).toContain('policies/nel.yaml at stages[2].deadline.workingDays');
    expect(error.message).toContain('policies/kirklees.yaml at calendar');
  });
});
