export { parseInboundEmail } from './parse-inbound-email';
export { headerValueForParsing, MAX_PARSED_HEADER_VALUE } from './header-bound';
export { readHeaderSection, type RawHeaderField } from './read-header-section';
export { classifyAutomaticEmail } from './classify-automatic-email';
export { bouncedMessageIds } from './bounced-message-ids';
export { extractReplyText } from './extract-reply-text';
export { readMessageHeadline, type MessageHeadline } from './read-message-headline';
export {
  AUTOMATIC_EMAIL_KINDS,
  AutomaticEmailClassificationSchema,
  type AutomaticEmailClassification,
  type AutomaticEmailKind,
} from './classify-automatic-email';
export {
  INBOUND_HEADER_NAMES,
  INBOUND_TEXT_SOURCES,
  InboundAddressSchema,
  InboundAttachmentSchema,
  InboundEmailSchema,
  type InboundAddress,
  type InboundAttachment,
  type InboundEmail,
  type InboundHeaderName,
} from './inbound-email.schema';
