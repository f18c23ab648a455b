export * from './policy/policy.schema';
export * from './policy/parse-policy';
export * from './calendar/calendar.schema';
export * from './time/local-date';
export * from './time/zoned-time';
