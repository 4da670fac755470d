export * from './hashing';
export * from './keyring';
export * from './secret-cipher';
export * from './secret-cipher.provider';
