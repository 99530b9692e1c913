import { markerGuard } from './agentry-error';
import { ValidationError } from './validation-error';

const marker = Symbol.for('agentry.error.validation.cursor');

/**
 * A page cursor that no list gave out (altered, truncated, or from another list). A
 * {@link ValidationError} naming the field `/cursor`; the REST API names it `/query/cursor`, the query
 * parameter it came from.
 */
export class InvalidCursorError extends ValidationError {
  readonly [marker] = true;

  /** Creates the error. */
  constructor() {
    const message = 'Invalid cursor; use the nextCursor of a previous page.';
    super([{ pointer: '/cursor', message }], message);
    this.name = 'InvalidCursorError';
  }

  /** True when `value` is an {@link InvalidCursorError}. */
  static override isInstance = markerGuard<InvalidCursorError>(marker);
}
