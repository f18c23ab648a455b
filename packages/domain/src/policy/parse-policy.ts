import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { PolicySchema, type PolicyFile } from './policy.schema';

export interface FileProblem {
  /** the file, as the caller named it */
  file: string;
  /** where inside the file, e.g. `stages[2].deadline.workingDays`; empty for the whole file */
  path: string;
  message: string;
}

/** A policy or calendar file that cannot be used, with every problem found in it. */
export class InvalidFileError extends Error {
  constructor(readonly problems: FileProblem[]) {
    super(
      problems.map((p) => `${p.file}${p.path ? ` at ${p.path}` : ''}: ${p.message}`).join('\n'),
    );
    this.name = 'InvalidFileError';
  }
}

/** `['stages', 2, 'deadline']` → `stages[2].deadline` */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) =>
      typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`,
    )
    .join('');
}

/** Parse YAML text and validate it with a zod schema; a problem names the file and the path. */
export function parseYamlFile<T extends z.ZodType>(
  schema: T,
  text: string,
  file: string,
): z.output<T> {
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    throw new InvalidFileError(
      document.errors.map((error) => ({
        file,
        path: '',
        message: `not valid YAML: ${error.message}`,
      })),
    );
  }
  const result = schema.safeParse(document.toJS());
  if (!result.success) {
    throw new InvalidFileError(
      result.error.issues.map((issue) => ({
        file,
        path: formatPath(issue.path),
        message: issue.message,
      })),
    );
  }
  return result.data;
}

export function parsePolicy(text: string, file: string): PolicyFile {
  return parseYamlFile(PolicySchema, text, file);
}
