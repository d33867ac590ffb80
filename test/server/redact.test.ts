import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../server/log/logger.js';
import { redactPii, redactText } from '../../server/log/redact.js';

describe('PII and secret redaction', () => {
  it('masks emails in text', () => {
    expect(redactText('contact anna.b+x@example.co.uk failed')).toBe('contact [email] failed');
  });

  it('masks emails deep in objects and drops secret-named fields', () => {
    expect(redactPii({ customer: { email: 'a@b.se', id: 'c4' }, apiKey: 'k', headers: { Authorization: 'Bearer t' } })).toEqual({
      customer: { email: '[email]', id: 'c4' },
      apiKey: '[redacted]',
      headers: { Authorization: '[redacted]' },
    });
  });

  it('keeps emails and secrets out of every log line', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = createLogger('info', sink);
    logger.info({ email: 'anna@example.com', token: 'sekrit-token', err: new Error('bad address bob@example.com') }, 'order for anna@example.com');
    await new Promise((r) => setImmediate(r));
    const text = lines.join('');
    expect(text).toContain('order for [email]');
    expect(text).not.toMatch(/anna@example\.com|bob@example\.com|sekrit-token/);
  });
});
