// Codec messages describe values with the same helper as every other message, so they truncate
// and redact alike.
export { describeValue } from '../client/errors/describe-value';
