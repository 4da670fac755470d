export * from './account-payloads';
export * from './payload-map';
export * from './rpc-envelope';
export * from './rpc-payloads';
export * from './selection-payloads';
export * from './subjects';
