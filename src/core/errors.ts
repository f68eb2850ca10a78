/**
 * Errors a user cannot cause: a broken invariant or a failing dependency. They are thrown, logged with
 * their code at the boundary and never shown to people in detail. Errors a user can cause are values.
 */
export type WksErrorCode =
  | 'WKS_ERR_INVARIANT'
  | 'WKS_ERR_STORE'
  | 'WKS_ERR_CONFIG';

export class WksError extends Error {
  constructor(
    readonly code: WksErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'WksError';
  }
}
