// The validators and converters API definitions refer to (neutron-lib's
// `type:*` validators and `convert_*` functions), one family per file.
export * from './types.ts';
export * from './address-pair-validators.ts';
export * from './converters.ts';
export * from './dict-validators.ts';
export * from './dns-validators.ts';
export * from './extra-dhcp-opt-validators.ts';
export * from './ip-list-validators.ts';
export * from './ip-validators.ts';
export * from './list-validators.ts';
export * from './mac-validators.ts';
export * from './number-validators.ts';
export * from './router-validators.ts';
export * from './security-group-validators.ts';
export * from './segment-validators.ts';
export * from './string-validators.ts';
export * from './uuid-validators.ts';
export { pyRepr, pyStr } from './python-text.ts';
export * from './time-validators.ts';
export * from './trunk-validators.ts';
