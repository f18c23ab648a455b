/**
 * One message, one author. RFC 5322 allows a From naming several mailboxes, and some
 * servers let two From headers through; DMARC then checks none of them (RFC 7489 section
 * 6.6.1) and a reader sees whichever their client shows. An attacker puts a participant
 * of a protected domain first and hopes. Such a message changes nothing: it is answered
 * once and recorded with why.
 */
export function oneAuthorProblem(authors: number): string | null {
  if (authors <= 1) return null;
  return `the email names ${authors} authors (From addresses), and a case can only be changed by mail from one person`;
}
