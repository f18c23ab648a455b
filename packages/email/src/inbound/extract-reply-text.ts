/**
 * Only the new text of a reply (CONTRACT.md, "Replies that act on a case"): quoted history
 * and signatures removed, so that a command quoted from an earlier message never acts
 * again, and the command that starts the new text is its first line.
 *
 * Conservative by design. The text above the first sign of history is kept whole; lines
 * are only removed when they are quoted (`> `), an attribution line introducing a quote
 * ("On ... wrote:" in many languages, wrapped over up to four lines), or everything from
 * an unmistakable marker on: an "Original Message" separator, an Outlook-style header
 * block (From/Sent/To/Subject and their translations), a signature delimiter followed by
 * a signature-sized block, a sign-off ("Kind regards") followed by nothing or a name and a
 * signature-sized block, a mobile-client signature line, a confidentiality footer, a
 * mailing-list footer. Own text
 * written between quoted blocks (inline replies) is kept. When nothing new is left the
 * result is '', never the history.
 *
 * The input is plain text: for an HTML-only message, the text converted from its HTML.
 */
export function extractReplyText(text: string): string {
  const lines = text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n');
  const end = findHistoryStart(lines);
  const kept = removeQuotedBlocks(lines.slice(0, end));
  return finish(kept);
}

/** A quoted line: `>` then a space, another `>`, or nothing. `>50%` is text. */
const QUOTED = /^[ \t]*>(?:[ \t>]|$)/;

function isQuoted(line: string): boolean {
  return QUOTED.test(line);
}

function isBlank(line: string | undefined): boolean {
  return line === undefined || line.trim() === '';
}

// --- where the history starts -------------------------------------------------------------

/**
 * The index of the first line that begins unmarked history or a signature: everything from
 * there on goes. Lines inside `>` quotes are never such a marker (a quoted signature is
 * removed with its quote).
 */
function findHistoryStart(lines: readonly string[]): number {
  const markers = historyMarkers(lines);
  let textAbove = false;
  let nextMarker = 0;
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!;
    if (isQuoted(line)) continue;
    if (markers.cuts.has(i)) return i;
    if (isSignatureDelimiter(line) && textAbove) {
      while ((markers.all[nextMarker] ?? Infinity) <= i) nextMarker += 1;
      // A longer block after "--" is more likely the writer's own section break.
      if (isSignatureSized(lines, i + 1, markers.all[nextMarker] ?? lines.length)) return i;
    }
    if (textAbove && markers.footers.has(i)) return i;
    if (textAbove && isValediction(line)) {
      while ((markers.all[nextMarker] ?? Infinity) <= i) nextMarker += 1;
      if (signatureFollows(lines, i, markers.all[nextMarker] ?? lines.length)) return i;
    }
    textAbove ||= !isBlank(line);
  }
  return lines.length;
}

function isSignatureSized(lines: readonly string[], from: number, to: number): boolean {
  let count = 0;
  for (let i = from; i < to; i += 1) {
    if (!isBlank(lines[i]) && !isQuoted(lines[i]!)) count += 1;
    if (count > MAX_SIGNATURE_LINES) return false;
  }
  return true;
}

const MAX_SIGNATURE_LINES = 15;

interface HistoryMarkers {
  /** lines from which everything is history */
  cuts: Set<number>;
  /** every line where history of any kind begins, for bounding a signature */
  all: number[];
  /** where a confidentiality footer begins: cut there when own text is above it */
  footers: Set<number>;
}

function historyMarkers(lines: readonly string[]): HistoryMarkers {
  const firstText = lines.findIndex((line) => !isBlank(line));
  const cuts = new Set<number>();
  const all: number[] = [];
  const footers = new Set<number>();
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!;
    if (isQuoted(line)) {
      all.push(i);
      continue;
    }
    if (startsFooter(lines, i)) {
      footers.add(i);
      all.push(i);
      continue;
    }
    if (
      isOriginalMessageSeparator(line) ||
      isMobileSignature(line) ||
      startsHeaderBlock(lines, i) ||
      startsListFooter(lines, i)
    ) {
      cuts.add(i);
      all.push(i);
      continue;
    }
    const attribution = attributionEndingAt(lines, i, firstText);
    if (attribution !== null) {
      all.push(attribution.start);
      // An attribution with no quote under it introduces history the client did not mark
      // with `>` (mail converted from HTML): everything below it goes.
      if (!quoteFollows(lines, i) && attribution.unmarkedHistory) cuts.add(attribution.start);
    }
  }
  all.sort((a, b) => a - b);
  return { cuts, all, footers };
}

function quoteFollows(lines: readonly string[], index: number): boolean {
  for (let i = index + 1; i < lines.length; i += 1) {
    if (!isBlank(lines[i])) return isQuoted(lines[i]!);
  }
  return false;
}

// --- separators, header blocks, footers ------------------------------------------------------

const ORIGINAL_MESSAGE_WORDS = [
  'original message',
  'original e-?mail',
  'forwarded message',
  'reply message',
  'ursprüngliche nachricht',
  'original-?nachricht',
  'weitergeleitete nachricht',
  "message d'origine",
  'message original',
  'message transféré',
  'mensaje original',
  'mensaje reenviado',
  'messaggio originale',
  'messaggio inoltrato',
  'mensagem original',
  'mensagem encaminhada',
  'oorspronkelijk bericht',
  'origineel bericht',
  'doorgestuurd bericht',
  'originalmeddelande',
  'vidarebefordrat meddelande',
  'opprinnelig melding',
  'videresendt melding',
  'oprindelig meddelelse',
  'original meddelelse',
  'videresendt meddelelse',
  'alkuperäinen viesti',
  'välitetty viesti',
  'původní zpráva',
  'přeposlaná zpráva',
  'oryginalna wiadomość',
  'wiadomość oryginalna',
  'przekazana wiadomość',
  'исходное сообщение',
  'пересылаемое сообщение',
  'пересланное сообщение',
  'eredeti üzenet',
  'továbbított üzenet',
  'orijinal mesaj',
  'iletilen ileti',
  'neges wreiddiol',
  "neges wedi'i hanfon ymlaen",
  '原始邮件',
  '原始郵件',
  '转发的邮件',
  '元のメッセージ',
  '転送されたメッセージ',
  '원본 메시지',
  '전달된 메시지',
];
const ORIGINAL_MESSAGE = new RegExp(
  `^[ \\t]*[-_=*]{2,}[ \\t]*(?:${ORIGINAL_MESSAGE_WORDS.join('|')})[ \\t]*[-_=*]{2,}[ \\t]*$`,
  'iu',
);
const FORWARD_INTRO =
  /^[ \t]*(?:begin forwarded message|anfang der weitergeleiteten nachricht|début du message réexpédié|inicio del mensaje reenviado)[ \t]*:[ \t]*$/iu;

function isOriginalMessageSeparator(line: string): boolean {
  return line.length <= 200 && (ORIGINAL_MESSAGE.test(line) || FORWARD_INTRO.test(line));
}

// The fields of a quoted message's header block, as Outlook, webmail and mobile clients
// write them in each language. A block needs a sender field and two others.
const SENDER_FIELDS = [
  'from',
  'von',
  'de',
  'da',
  'van',
  'fra',
  'från',
  'od',
  'от',
  'lähettäjä',
  'feladó',
  'kimden',
  'oddi wrth',
  'frá',
  '发件人',
  '寄件者',
  '差出人',
  '보낸 사람',
];
const OTHER_FIELDS = [
  'sent',
  'date',
  'to',
  'cc',
  'bcc',
  'subject',
  'reply-to',
  'gesendet',
  'datum',
  'an',
  'kopie',
  'betreff',
  'envoyé',
  'à',
  'objet',
  'enviado',
  'fecha',
  'para',
  'asunto',
  'inviato',
  'data',
  'a',
  'oggetto',
  'verzonden',
  'aan',
  'onderwerp',
  'sendt',
  'til',
  'emne',
  'skickat',
  'till',
  'ämne',
  'kopia',
  'wysłano',
  'do',
  'temat',
  'отправлено',
  'дата',
  'кому',
  'копия',
  'тема',
  'lähetetty',
  'vastaanottaja',
  'aihe',
  'elküldve',
  'címzett',
  'tárgy',
  'gönderildi',
  'kime',
  'konu',
  'anfonwyd',
  'at',
  'pwnc',
  'dyddiad',
  '发送时间',
  '收件人',
  '抄送',
  '主题',
  '日期',
  '寄件日期',
  '收件者',
  '主旨',
  '送信日時',
  '宛先',
  '件名',
  '보낸 날짜',
  '받는 사람',
  '제목',
];
const FIELD_LINE = /^[ \t]*\*{0,2}([^:：*\n]{1,20}?)\*{0,2}[ \t]*[:：]/u;
const SENDER_SET = new Set(SENDER_FIELDS);
const OTHER_SET = new Set(OTHER_FIELDS);
const HEADER_BLOCK_WINDOW = 8;

function fieldName(line: string): string | null {
  const name = FIELD_LINE.exec(line)?.[1]?.trim().toLowerCase();
  return name && (SENDER_SET.has(name) || OTHER_SET.has(name)) ? name : null;
}

/**
 * A header block of a quoted message that starts at this line: this line is a field, and
 * within the next few lines there are a sender field and at least three distinct fields.
 * A "To:" or "Subject:" line of the writer's own is not enough to cut on.
 */
function startsHeaderBlock(lines: readonly string[], index: number): boolean {
  if (fieldName(lines[index]!) === null) return false;
  const names = new Set<string>();
  let sender = false;
  for (let i = index; i < Math.min(lines.length, index + HEADER_BLOCK_WINDOW); i += 1) {
    const name = fieldName(lines[i]!);
    if (name === null) continue;
    names.add(name);
    sender ||= SENDER_SET.has(name);
  }
  return sender && names.size >= 3;
}

/** A mailing-list footer: a rule of underscores, then "... mailing list". */
function startsListFooter(lines: readonly string[], index: number): boolean {
  if (!/^[ \t]*_{10,}[ \t]*$/.test(lines[index]!)) return false;
  const next = lines.slice(index + 1, index + 6).find((line) => !isBlank(line)) ?? '';
  return /mailing list/i.test(next);
}

// --- attribution lines ("On ... wrote:") ------------------------------------------------

const WROTE_WORDS = [
  'wrote',
  'writes',
  'a écrit',
  'écrit',
  'schrieb',
  'escribió',
  'escreveu',
  'ha scritto',
  'scrisse',
  'schreef',
  'skrev',
  'napisał\\(a\\)',
  'napisała',
  'napisał',
  'napsal\\(a\\)',
  'napsala',
  'napsal',
  'napísal',
  'написал\\(а\\)',
  'написала',
  'написал',
  'написав',
  'пишет',
  'kirjoitti',
  'yazdı',
  'írta',
  'έγραψε',
  'ysgrifennodd',
  'a scris',
  'je napisao',
  'je napisala',
  'je napisal',
  'menulis',
  'đã viết',
  'rašė',
  'rakstīja',
  'kirjutas',
  'va escriure',
];
// Scripts without spaces between words have no word boundary to look for.
const WROTE_WORDS_UNSPACED = ['写道', '寫道', 'のメッセージ', '書きました', '작성', 'כתב', 'كتب'];
const WROTE = new RegExp(
  `(?<![\\p{L}])(?:${WROTE_WORDS.join('|')})(?![\\p{L}])|${WROTE_WORDS_UNSPACED.join('|')}`,
  'iu',
);
// How attribution lines begin when they begin with the date ("On", "Le", "Am", ... or the
// date itself); name-first forms ("Max <max@example.com> schrieb am ...:") are recognised
// by the verb in their first line instead.
const ATTRIBUTION_PREFIX =
  /^[ \t]*(?:(?:on|le|am|el|il|em|op|den|dne|dnia|w dniu|ar|στις|в|pada|vào|dana)(?![\p{L}])|在|於|\d)/iu;
// "Disagreement: the school wrote on 3 May:" is a form field or a command's text quoting
// someone, not a mail client's attribution, which never starts with a label.
const LABEL_LINE = /^[ \t]*[\p{L}][\p{L} ]{0,30}:[ \t]/u;
const MAX_ATTRIBUTION_LINES = 4;
const MAX_ATTRIBUTION_LENGTH = 400;

interface Attribution {
  start: number;
  /** plausible as the only marker of history below it: it names an address */
  unmarkedHistory: boolean;
}

/**
 * An attribution line (or lines: clients wrap it) ending at this line. Of the candidate
 * starts, one that begins like an attribution is preferred to one that merely contains the
 * verb, and the nearest such start wins, so that own text just above is never taken in.
 * The first line of the text is only an attribution if it begins like one: there the
 * command stands, and "ESCALATE: the school wrote on 3 May:" above a quote is a command.
 */
function attributionEndingAt(
  lines: readonly string[],
  end: number,
  firstText: number,
): Attribution | null {
  const last = lines[end]!;
  if (isQuoted(last) || !/[:：][ \t]*$/.test(last.slice(-40))) return null;
  let byPrefix: number | null = null;
  let byVerb: number | null = null;
  for (let start = end; start > end - MAX_ATTRIBUTION_LINES && start >= 0; start -= 1) {
    const first = lines[start]!;
    if (isBlank(first) || isQuoted(first)) break;
    const joined = lines
      .slice(start, end + 1)
      .map((line) => line.trim())
      .join(' ');
    if (joined.length > MAX_ATTRIBUTION_LENGTH) break;
    if (!WROTE.test(joined) || !/[\d@]/.test(joined) || LABEL_LINE.test(first)) continue;
    if (byPrefix === null && ATTRIBUTION_PREFIX.test(first)) byPrefix = start;
    if (byVerb === null && start !== firstText && WROTE.test(first) && /[\d@]/.test(first)) {
      byVerb = start;
    }
  }
  const start = byPrefix ?? byVerb;
  if (start === null) return null;
  const joined = lines.slice(start, end + 1).join(' ');
  return { start, unmarkedHistory: joined.includes('@') };
}

// --- signatures ------------------------------------------------------------------------------

function isSignatureDelimiter(line: string): boolean {
  return /^--[ \t\u00a0]?$/.test(line);
}

// Whole lines only: "Sent from my desk, is much easier" is a sentence, not a signature.
const MOBILE_SIGNATURES = [
  /^sent from my [\p{L}\p{N}][\p{L}\p{N} ._'’&+-]{0,48}$/iu,
  /^sent from my [^,.\n]{1,48}[,.] +please excuse\b.{0,60}$/iu,
  /^sent (?:from|with|via|using|by) (?:the |my )?(?:mobile|phone|cell|smartphone|tablet|iphone|ipad|ipod|android|blackberry|samsung|galaxy|huawei|nokia|htc|pixel|outlook|gmail|yahoo mail|aol|mailbox|airmail|spark|proton ?mail|bluemail|edison|newton|windows mail|mail for windows(?: \d+)?|my mobile)(?: (?:for|on) [\p{L}\p{N} ._-]{1,30})?[.!]?$/iu,
  /^sent from \[mail\]\([^)\s]{1,200}\) for windows(?: \d+)?$/iu,
  /^get (?:\[)?outlook for (?:ios|android)(?:\])?\S{0,200}$/iu,
  /^(?:envoyé (?:de|depuis) (?:mon|ma)|von meinem|gesendet von meinem|sendt fra min|send fra min|skickat från min|verzonden (?:vanaf|met|van)|verstuurd (?:vanaf|met|van)|enviado (?:desde|do|de) (?:mi|meu|o meu)|inviato da|wysłane z|отправлено с|lähetetty|anfonwyd o fy) [^,;:!?\n]{1,40}$/iu,
  /^diese nachricht wurde von meinem [^,;:!?\n]{1,60} gesendet\.?$/iu,
  /^(?:從|从)我的.{1,20}(?:傳送|发送)$/u,
  /^.{1,20}から送信$/u,
  /^<<sent by [^<>\n]{1,30}>>$/iu,
  /^\((?:sent from (?:a |my )?(?:phone|mobile(?: device)?|iphone|ipad|android(?: device)?))\)$/iu,
];

function isMobileSignature(line: string): boolean {
  const trimmed = line.trim();
  return trimmed.length <= 220 && MOBILE_SIGNATURES.some((pattern) => pattern.test(trimmed));
}

// --- sign-offs and footers --------------------------------------------------------------------

// "Kind regards", "Many thanks," "Best wishes, Dan": a whole line, then a name or nothing.
const VALEDICTION =
  /^(?:(?:with |and )?(?:(?:very |many )?kind(?:est)?|warm(?:est)?|best|good|many|all (?:the )?best)? ?(?:regards|wishes)|(?:(?:many|with|huge|thanks) )?thanks(?: (?:again|and regards|& regards|very much|so much|all))?|thank you(?: (?:again|very much|so much|all))?|thankyou|best|all the best|cheers|yours (?:sincerely|faithfully|truly)|take care|speak soon|kr|bw|rgds|regs)(?:[ \t]*[,.!]+)?(?:[ \t]+(.{1,60}))?$/iu;
// A person's name as a signature starts: capitalised words, perhaps a title before them.
const NAME =
  /^(?:(?:dr|mr|mrs|ms|miss|mx|prof|cllr)\.? )?[\p{Lu}][\p{L}'’.-]*(?: [\p{Lu}][\p{L}'’.-]*){0,3}$/u;
// The text of a command, which a signature never holds.
const COMMAND_LABEL = /^[ \t]*(?:[-*•][ \t]*)?(?:outstanding|next contacts?)[ \t]*:/i;
const MAX_SIGNATURE_LINE = 160;

function isValediction(line: string): boolean {
  const trimmed = line.trim();
  if (trimmed.length > 80) return false;
  const match = VALEDICTION.exec(trimmed);
  return match !== null && (match[1] === undefined || isName(match[1]));
}

function isName(line: string): boolean {
  // "Dan Reed | Team Manager", "Dan Reed (he/him)": the name is the part before.
  const name = line
    .replace(/\([^)]{0,40}\)/g, '')
    .split(/[|,–—/]| - /)[0]!
    .trim();
  return NAME.test(name);
}

/**
 * After a sign-off at `index`, a signature: nothing more, or a name and then a
 * signature-sized block (title, team, phone numbers, addresses) up to the next history
 * marker. "Thanks" followed by a sentence, or by a command's own lines, is text.
 */
function signatureFollows(lines: readonly string[], index: number, to: number): boolean {
  const block = lines.slice(index + 1, to).filter((line) => !isBlank(line) && !isQuoted(line));
  if (block.length === 0) return true;
  const hasName = VALEDICTION.exec(lines[index]!.trim())?.[1] !== undefined;
  if (!hasName && !isName(block[0]!.trim())) return false;
  return (
    block.length <= MAX_SIGNATURE_LINES &&
    block.every((line) => line.length <= MAX_SIGNATURE_LINE && !COMMAND_LABEL.test(line))
  );
}

// How confidentiality and email-policy footers begin, and the words that make them one.
const FOOTER_START =
  /^[ \t*_]*(?:this (?:e-?mail|message|communication|transmission)\b|the (?:information|contents?) (?:in|of|contained in) this\b|if you (?:are not|have received|receive)\b|confidential(?:ity)?\b|disclaimer\b|privileged\b|please (?:note|be aware|consider)\b|any (?:views|opinions)\b|e-?mails? (?:sent|to|from|and)\b|(?:important )?(?:notice|warning|caution)\b)/i;
const FOOTER_WORDS =
  /confidential|intended recipient|privileged|disclaimer|virus|monitored|recorded|legally|unauthori[sz]ed|\bGCSX\b|secure e-?mail|before printing/i;

/** A confidentiality footer begins at this line: its paragraph says what footers say. */
function startsFooter(lines: readonly string[], index: number): boolean {
  if (!FOOTER_START.test(lines[index]!) || !isBlank(lines[index - 1])) return false;
  const paragraph: string[] = [];
  for (let i = index; i < lines.length && paragraph.length < 4 && !isBlank(lines[i]); i += 1) {
    paragraph.push(lines[i]!);
  }
  return FOOTER_WORDS.test(paragraph.join(' '));
}

// --- quoted blocks -------------------------------------------------------------------------

/**
 * Removes `>` quoted lines and the attribution lines introducing them, and keeps the text
 * between them (inline replies). Where a removal leaves two blank lines meeting, one goes.
 */
function removeQuotedBlocks(lines: readonly string[]): string[] {
  const firstText = lines.findIndex((line) => !isBlank(line));
  const removed = new Set<number>();
  for (let i = 0; i < lines.length; i += 1) {
    if (isQuoted(lines[i]!)) {
      removed.add(i);
      continue;
    }
    const attribution = attributionEndingAt(lines, i, firstText);
    if (attribution !== null && quoteFollows(lines, i)) {
      for (let j = attribution.start; j <= i; j += 1) removed.add(j);
    }
  }
  const kept: string[] = [];
  let afterRemoval = false;
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!;
    if (removed.has(i)) {
      afterRemoval = true;
      continue;
    }
    if (afterRemoval && isBlank(line) && isBlank(kept[kept.length - 1])) continue;
    afterRemoval = afterRemoval && isBlank(line);
    kept.push(line);
  }
  return kept;
}

// --- the end ---------------------------------------------------------------------------------

const RULE = /^[-_=*~]{3,}$/;
// "-Abhishek Kona": a dash-signed name, no space after the dash (a list item has one).
const DASH_SIGNOFF = /^-[\p{Lu}][\p{L}'’.-]{0,30}(?: [\p{Lu}][\p{L}'’.-]{0,30}){0,2}$/u;

/**
 * Trailing white space on each line, trailing blank lines and rules (`-----`, `_____`) left
 * by a cut, a closing dash-signed name, leading blank lines.
 */
function finish(lines: readonly string[]): string {
  const out = lines.map((line) => line.trimEnd());
  const dropTrailing = (): void => {
    while (
      out.length > 0 &&
      (out[out.length - 1] === '' || RULE.test(out[out.length - 1]!.trim()))
    ) {
      out.pop();
    }
  };
  dropTrailing();
  const last = out[out.length - 1];
  const previous = out
    .slice(0, -2)
    .reverse()
    .find((line) => line !== '');
  if (
    last !== undefined &&
    DASH_SIGNOFF.test(last.trim()) &&
    out[out.length - 2] === '' &&
    previous !== undefined &&
    !previous.endsWith(':')
  ) {
    out.pop();
    dropTrailing();
  }
  while (out.length > 0 && out[0]!.trim() === '') out.shift();
  return out.join('\n');
}
