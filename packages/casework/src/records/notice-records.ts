import type { Executor } from '@escalations/db';
import {
  writtenAccount,
  type CaseState,
  type FilledForm,
  type Notice,
  type PolicyFile,
} from '@escalations/domain';
import { caseChronology, caseEvents } from './case-chronology';
import { chronologyPdf } from './chronology-pdf';
import { recordFormFilename, recordFormPdf } from './record-form-pdf';

export interface NoticeRecords {
  data: Record<string, unknown>;
  attachments: { filename: string; content: Buffer; contentType: string }[];
}

/**
 * What a notice carries beside its text: the record form its policy notice names
 * (`attach:`), as a PDF, and on referral to the final stage the written account, in the
 * body and with the chronology as a PDF. A notice says a thing is attached only when it is.
 */
export async function noticeRecords(
  tx: Executor,
  caseId: string,
  policy: PolicyFile,
  state: CaseState,
  notice: Notice,
): Promise<NoticeRecords> {
  const result: NoticeRecords = { data: {}, attachments: [] };
  const form = notice.data['form'] as FilledForm | undefined;
  if (form && typeof notice.data['attach'] === 'string') {
    result.attachments.push({
      filename: recordFormFilename(form),
      content: await recordFormPdf(form),
      contentType: 'application/pdf',
    });
  }
  if (notice.data['writtenAccount'] === true) {
    const zone = typeof notice.data['zone'] === 'string' ? notice.data['zone'] : 'Europe/London';
    const account = writtenAccount(state, policy, await caseEvents(tx, caseId), zone);
    const chronology = await caseChronology(tx, caseId, state, policy);
    result.data['account'] = account;
    result.attachments.push({
      filename: `${state.ref}-chronology.pdf`,
      content: await chronologyPdf(chronology, zone, account),
      contentType: 'application/pdf',
    });
  }
  return result;
}
