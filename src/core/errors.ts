/**
 * Errors a user cannot cause: a broken invariant or a failing dependency. They are thrown, logged with
 * their code at the boundary and never shown to people in detail. Errors a user can cause are values.
 * Every error class of the project lives here, each with its `WKS_ERR_*` code, so the HTTP error
 * handler (src/http/errors.ts) and the logs speak of the same codes.
 */
export type WksErrorCode =
  | 'WKS_ERR_INVARIANT'
  | 'WKS_ERR_STORE'
  | 'WKS_ERR_CONFIG'
  | 'WKS_ERR_WRITE_CONFLICT'
  | 'WKS_ERR_TELEGRAM_START'
  | 'WKS_ERR_ROLE_CHANGED';

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

/** Raised inside a transaction when a row changed under it; the whole transaction is tried again. */
export class WriteConflict extends WksError {
  constructor(what: string) {
    super('WKS_ERR_WRITE_CONFLICT', `concurrent change of ${what}`);
    this.name = 'WriteConflict';
  }
}

/** The Telegram channel cannot start (a refused token, a webhook it cannot set). */
export class TelegramStartError extends WksError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('WKS_ERR_TELEGRAM_START', message, options);
    this.name = 'TelegramStartError';
  }
}

/**
 * Raised inside a write transaction when the person's role is no longer the one the command was decided
 * with; the command is decided again with the current role.
 */
export class RoleChanged extends WksError {
  constructor() {
    super('WKS_ERR_ROLE_CHANGED', 'the role a command was decided with changed before it was written');
    this.name = 'RoleChanged';
  }
}
