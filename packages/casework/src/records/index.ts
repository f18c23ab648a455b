export * from './record-form-pdf';
export * from './chronology-pdf';
export * from './case-chronology';
export * from './pdf-document';
export * from './case-automatic-mail';
export * from './case-correspondence';
