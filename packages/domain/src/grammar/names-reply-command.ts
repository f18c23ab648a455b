import { REPLY_COMMANDS, type ReplyCommandWord } from './reply-command.schema';

const WORD_AT_START = /^[\s*_]*(\p{L}+)(?![\p{L}])/u;

/**
 * The command word a reply starts with, within its first three non-blank lines (below a
 * greeting), whether or not the rest of it could be read. A person writing to act on a case
 * names one; a robot's mail does not, which is what the per-sender answer limit looks at.
 */
export function replyCommandWord(text: string): ReplyCommandWord | undefined {
  const lines = text
    .split(/\r\n?|\n/)
    .filter((line) => line.trim() !== '')
    .slice(0, 3);
  for (const line of lines) {
    const typed = WORD_AT_START.exec(line)?.[1]?.toUpperCase();
    const command = REPLY_COMMANDS.find((c) => c.word === typed);
    if (command) return command.word;
  }
  return undefined;
}
