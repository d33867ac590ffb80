import { pino, type Logger, type DestinationStream } from 'pino';
import { redactPii, redactText } from './redact.js';

export type { Logger };

/** JSON lines on stdout; every object and message passes through the PII/secret redactor. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'centra-ometria' },
      formatters: { log: (obj) => redactPii(obj) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          const redacted = args.map((a) => (typeof a === 'string' ? redactText(a) : a)) as Parameters<typeof method>;
          method.apply(this, redacted);
        },
      },
    },
    destination,
  );
}
