export * from './enums';
export * from './messages';
