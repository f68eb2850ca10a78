/**
 * What the delivery paths (inbox, outbox, channels) log of an error. A platform error carries what was
 * sent (grammY's `GrammyError.payload` holds the message text), a webhook error the update, and many
 * messages quote their input; so these paths log an error's type, code and stack frames, never its
 * message or fields.
 */
export function errorType(error: unknown): string {
  const fields = (error ?? {}) as { error_code?: unknown; code?: unknown };
  const code = fields.error_code ?? fields.code;
  const name = error instanceof Error ? error.name : typeof error;
  return typeof code === 'string' || typeof code === 'number' ? `${name} ${code}` : name;
}

/** `{ type, frames }` for a log line: the stack without its first line (the message). */
export function safeError(error: unknown): { type: string; frames?: string } {
  const stack = error instanceof Error ? error.stack : undefined;
  const frames = stack
    ?.split('\n')
    .filter((line) => /^\s+at /.test(line))
    .join('\n');
  return frames ? { type: errorType(error), frames } : { type: errorType(error) };
}
