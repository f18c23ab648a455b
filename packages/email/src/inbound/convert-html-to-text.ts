import { simpleParser } from 'mailparser';

/** Past this many characters HTML is stripped of its tags rather than laid out. */
const MAX_HTML_TO_LAY_OUT = 2_000_000;

// Gmail's web client marks the signature with a class and writes no delimiter in the HTML;
// its own text/plain alternative puts "-- " above it, so the converted text does the same.
/** Longer "tags" are not looked into: no honest start tag is this long. */
const MAX_TAG_LENGTH = 4096;

export interface ConvertedHtml {
  text: string;
  problem: string | null;
}

/**
 * Plain text for a message that has only HTML, laid out by mailparser's own converter
 * (block quotes become `> ` lines, as a mail client would quote them). Never throws: when
 * the HTML cannot be laid out its tags are stripped instead, and the problem is reported.
 */
export async function convertHtmlToText(html: string): Promise<ConvertedHtml> {
  if (html.length > MAX_HTML_TO_LAY_OUT) {
    return {
      text: stripTags(html),
      problem: `HTML of ${html.length} characters was stripped of its tags, not laid out`,
    };
  }
  const marked = markGmailSignatures(html);
  try {
    // A one-part message around the HTML: mailparser converts HTML only inside a message.
    const parsed = await simpleParser(
      Buffer.concat([
        Buffer.from('Content-Type: text/html; charset=utf-8\r\n\r\n'),
        Buffer.from(marked, 'utf8'),
      ]),
      { skipTextToHtml: true, skipTextLinks: true, skipImageLinks: true, keepCidLinks: true },
    );
    if (parsed.textConversionError) {
      return {
        text: stripTags(html),
        problem: `HTML could not be laid out (${parsed.textConversionError.message}); its tags were stripped`,
      };
    }
    return { text: parsed.text ?? '', problem: null };
  } catch (error) {
    return {
      text: stripTags(html),
      problem: `HTML could not be laid out (${error instanceof Error ? error.message : 'unknown error'}); its tags were stripped`,
    };
  }
}

const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

const BLOCK_TAGS = new Set([
  'br',
  'p',
  'div',
  'li',
  'tr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
]);
const HIDDEN_TAGS = new Set(['script', 'style', 'head', 'title']);

/**
 * Calls `onTag` with each tag's text (between `<` and `>`) and where it starts; the text
 * between tags is handed over too. One pass with indexOf: regular expressions over a whole
 * hostile document can take quadratic time.
 */
function scanTags(
  html: string,
  onText: (text: string) => void,
  onTag: (tag: string, start: number, end: number) => number | void,
): void {
  let position = 0;
  while (position < html.length) {
    const open = html.indexOf('<', position);
    const close = open === -1 ? -1 : html.indexOf('>', open + 1);
    if (open === -1 || close === -1) {
      onText(html.slice(position));
      return;
    }
    onText(html.slice(position, open));
    const next = onTag(html.slice(open + 1, close), open, close + 1);
    position = typeof next === 'number' && next > close ? next : close + 1;
  }
}

function markGmailSignatures(html: string): string {
  let output = '';
  scanTags(
    html,
    (text) => (output += text),
    (tag) => {
      if (isGmailSignature(tag)) output += '<div>-- </div>';
      output += `<${tag}>`;
    },
  );
  return output;
}

function isGmailSignature(tag: string): boolean {
  return (
    tag.length <= MAX_TAG_LENGTH &&
    /^(?:div|span)\b/i.test(tag) &&
    /\bclass\s*=/i.test(tag) &&
    /\bgmail_signature\b/i.test(tag)
  );
}

/** The last resort: the words of the HTML, one block per line. */
function stripTags(html: string): string {
  const lower = html.toLowerCase();
  let output = '';
  scanTags(
    html,
    (text) => (output += text),
    (tag, start, end) => {
      const name = /^\/?([a-z0-9]+)/i.exec(tag.slice(0, 20))?.[1]?.toLowerCase() ?? '';
      if (tag.startsWith('!--')) {
        const comment = lower.indexOf('-->', start + 4);
        return comment === -1 ? html.length : comment + 3;
      }
      if (!tag.startsWith('/') && HIDDEN_TAGS.has(name)) {
        const closing = lower.indexOf(`</${name}`, end);
        if (closing === -1) return html.length;
        const after = lower.indexOf('>', closing);
        return after === -1 ? html.length : after + 1;
      }
      if (BLOCK_TAGS.has(name)) output += '\n';
      return end;
    },
  );
  return output
    .replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi, (entity, name: string) => {
      const key = name.toLowerCase();
      if (!key.startsWith('#')) return ENTITIES[key] ?? entity;
      const code = key.startsWith('#x') ? parseInt(key.slice(2), 16) : parseInt(key.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    })
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
