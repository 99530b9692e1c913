export { type AddressClass, classifyAddress, isIpLiteral } from './classify-address';
export { HostPolicy, type HostPolicyConfig } from './host-policy';
export { type HostRule, normalizeHostName, parseHostRule } from './host-rule';
