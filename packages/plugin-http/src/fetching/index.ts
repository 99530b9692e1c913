export { type CallDeadline, startCallDeadline } from './call-deadline';
export { ACCEPTED_ENCODINGS, contentDecoders, type DecoderFactory, decodeContent } from './decode-content';
export { type AddressCheck, createGuardedAgent } from './guarded-agent';
export { createGuardedFetch, type GuardedFetch } from './guarded-fetch';
export { type CappedBody, readCappedBody } from './read-capped-body';
export { type BodyFormat, type ContentKind, contentKind, looksBinary, renderBody } from './render-body';
export { buildRequestHeaders, buildRequestUrl, headersForRedirect } from './request-target';
export { type FailedCall, toToolError } from './to-tool-error';
