import { pino, type DestinationStream, type Logger } from 'pino';

/**
 * What people write can be personal data (UU PDP 27/2022), so message text is never logged: these
 * paths are censored wherever they appear in a log object.
 */
const REDACT = ['text', 'message.text', 'inbound.text', '*.text', 'replies', '*.replies', 'args', 'note', 'reason'];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACT, censor: '[redacted]' } }, destination);
}
