import type { Person } from './person.schema';

/**
 * A person as `Name <email>`, the form `parseMailboxAddress` reads back: the name is quoted
 * when it holds a character that would otherwise end it (`"Smith, Jane" <jane@example.org>`)
 * or when it is itself wrapped in single quotes, which the parser would strip.
 */
export function formatMailboxAddress(person: Person): string {
  const name = person.name?.replace(/\s+/g, ' ').trim();
  if (!name) return person.email;
  const needsQuotes = /["<>@,;:\\()[\]\p{Cc}]/u.test(name) || /^'.*'$/.test(name);
  const shown = needsQuotes ? `"${name.replace(/(["\\])/g, '\\$1')}"` : name;
  return `${shown} <${person.email}>`;
}
