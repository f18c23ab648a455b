export * from './filled-form';
export * from './fill-record-form';
export * from './read-form-values';
export * from './case-dates';
export * from './chronology';
export * from './written-account';
