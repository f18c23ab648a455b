export * from './casework';
