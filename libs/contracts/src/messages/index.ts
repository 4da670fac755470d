export * from './payload-map';
export * from './rpc-envelope';
export * from './rpc-payloads';
export * from './selection-payloads';
export * from './subjects';
export * from './data-read-payloads';
export * from './data-read-views';
