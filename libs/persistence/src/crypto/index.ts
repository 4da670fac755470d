export * from './hashing';
export * from './keyring';
export * from './secret-cipher';
