const marker = Symbol.for('agentry.error.create-tool');

/**
 * Why scaffolding was refused:
 * - `MISSING_OPTION`: a required value (the tool name) was not given and could not be asked for.
 * - `INVALID_OPTION`: a value breaks its rule (the message says which and how to fix it).
 * - `DIRECTORY_NOT_EMPTY`: the target directory exists and has files; nothing is overwritten.
 * - `CANCELLED`: the prompts were interrupted (Ctrl+C, end of input); nothing was written.
 */
export type CreateToolErrorCode = 'MISSING_OPTION' | 'INVALID_OPTION' | 'DIRECTORY_NOT_EMPTY' | 'CANCELLED';

/** Scaffolding was refused; `option` names the offending option when there is one. */
export class CreateToolError extends Error {
  readonly [marker] = true;
  /** What went wrong. */
  readonly code: CreateToolErrorCode;
  /** The option at fault (`toolName`, `packageName`, …), if any. */
  readonly option: string | undefined;

  /** Creates the error. */
  constructor(code: CreateToolErrorCode, message: string, option?: string) {
    super(message);
    this.name = 'CreateToolError';
    this.code = code;
    this.option = option;
  }

  /** True when `value` is a {@link CreateToolError} (from any copy of this package). */
  static isInstance(value: unknown): value is CreateToolError {
    return typeof value === 'object' && value !== null && marker in value;
  }

  /** Whether the caller asked for something invalid (CLI exit code 2) rather than hit a runtime condition. */
  get isUsageError(): boolean {
    return this.code === 'MISSING_OPTION' || this.code === 'INVALID_OPTION';
  }
}
