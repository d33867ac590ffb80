import { afterEach, describe, expect } from 'vitest';
import { runCli } from '../../server/cli/run-cli.js';
import { createLogger } from '../../server/log/logger.js';
import type { NewsletterProgress } from '../../server/jobs/newsletter/newsletter-checkpoint.js';
import { runNewsletterPoll, type NewsletterPollSettings } from '../../server/jobs/newsletter/newsletter-poll.js';
import { newsletterPollSettings } from '../../server/config/newsletter-settings.js';
import { createOpenApiValidator } from '../../server/ometria/openapi-validator.js';
import { createRuntime } from '../../server/runtime.js';
import { makeSimCustomer } from '../helpers/centra-factories.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { waitFor } from '../helpers/wait-for.js';
import { itOnFullContract } from '../helpers/full-contract-only.js';

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

const validator = createOpenApiValidator();
const contact = (s: Stack, id: string) => s.ometria.store.get('contact', id, 'centra');
const contactBodies = (s: Stack) => s.ometria.store.all('contact').flatMap((c) => s.ometria.store.bodies('contact', c.id as string, 'centra'));

/** One poll, as the scheduler runs it, with settings a test can shrink. */
async function poll(s: Stack, settings: Partial<NewsletterPollSettings> = {}): Promise<NewsletterProgress> {
  const { ctx } = createRuntime(s.config, s.service.store, { logger: createLogger('silent'), now: Date.now });
  const result = await runNewsletterPoll(ctx, { ...newsletterPollSettings(s.config), ...settings });
  expect(result.state, result.error).toBe('done');
  return result;
}

/**
 * `npx centra-ometria sync newsletter` on the stack's store, with the service stopped as an operator's CLI run
 * would find it on SQLite (a second connection in this process would wait on the first's locks), then restarted.
 */
async function syncNewsletter(s: Stack): Promise<number> {
  await s.service.close();
  const log = console.log;
  console.log = () => {};
  try {
    return await runCli(['sync', 'newsletter'], s.env);
  } finally {
    console.log = log;
    await s.restart();
  }
}

describe('newsletter sign-ups from Centra (issue 13, item 5)', () => {
  itOnFullContract(
    'Query.newsletterSubscriptions',
    'a newsletter-only sign-up becomes an opted-in contact n<id> in one poll; deactivating it opts out on the next; unchanged sends nothing',
    async () => {
      stack = await startStack();
      const signup = stack.centra.data.newsletterSubscriptions.signUp('Nora@example.com', { createdAt: '2024-06-01T10:00:00+02:00' });

      expect(await syncNewsletter(stack)).toBe(0);
      expect(contact(stack, `n${signup.id}`)).toMatchObject({
        id: `n${signup.id}`,
        customer_id: `n${signup.id}`,
        email: 'Nora@example.com',
        marketing_optin: 'EXPLICITLY_OPTEDIN',
        timestamp_subscribed: '2024-06-01T08:00:00.000Z',
        timestamp_acquired: '2024-06-01T08:00:00.000Z',
      });
      expect(contactBodies(stack)).toHaveLength(1);

      const unchanged = await poll(stack);
      expect(unchanged).toMatchObject({ mode: 'incremental', subscriptions: 1, unchanged: 1, contactsSent: 0 });
      expect(contactBodies(stack)).toHaveLength(1);

      stack.centra.data.newsletterSubscriptions.deactivate(signup.id);
      const before = Date.now();
      expect(await poll(stack)).toMatchObject({ contactsSent: 1 });
      const optedOut = contact(stack, `n${signup.id}`)!;
      expect(optedOut.marketing_optin).toBe('EXPLICITLY_OPTEDOUT');
      // Centra keeps no end date: the opt-out is dated when the poll first saw it, and stays so.
      expect(Date.parse(optedOut.timestamp_unsubscribed as string)).toBeGreaterThanOrEqual(before - 1000);
      expect(contactBodies(stack).at(-1)).toMatchObject({ '@force_optin': true, '@merge': true });

      expect(await poll(stack)).toMatchObject({ unchanged: 1, contactsSent: 0 });
      expect(contactBodies(stack)).toHaveLength(2);
      for (const body of contactBodies(stack)) expect(validator.validate(body)).toEqual([]);

      const audit = await stack.service.store.consentAudit.history(`n${signup.id}`);
      expect(audit.map((a) => `${a.source} ${a.oldState ?? '-'}→${a.newState}`)).toEqual([`newsletter:${signup.id} -→in`, `newsletter:${signup.id} in→out`]);
      expect(audit.every((a) => a.pushedAt !== undefined)).toBe(true);

      const status = (await (await fetch(`${stack.service.url}/status.json`, { headers: stack.admin })).json()) as { newsletter: NewsletterProgress };
      expect(status.newsletter).toMatchObject({ state: 'done', mode: 'incremental', checkpoint: { sweepPage: 1 } });
      expect(status.newsletter.checkpoint?.watermark).toBeGreaterThan(0);
      const page = await (await fetch(`${stack.service.url}/status`, { headers: stack.admin })).text();
      expect(page).toContain('Last incremental poll done at ');
      expect(page).toContain('1 subscriptions in 2 pages, 0 contacts sent, 1 unchanged');
    },
  );

  itOnFullContract(
    'Query.newsletterSubscriptions',
    "a sign-up for an email that already has a customer updates that customer's contact; an older one does not undo its later opt-out",
    async () => {
      stack = await startStack();
      stack.centra.data.customers.add(makeSimCustomer({ id: 51, email: 'Cara@example.com' }));
      await stack.send([{ type: 'customer', id: 51 }]);
      await waitFor(() => contact(stack!, 'c51'), 'contact c51');

      const signup = stack.centra.data.newsletterSubscriptions.signUp('cara@EXAMPLE.com', { createdAt: '2024-05-01T10:00:00+00:00' });
      await poll(stack);
      expect(stack.ometria.store.all('contact')).toHaveLength(1);
      expect(contact(stack, `n${signup.id}`)).toBeUndefined();
      expect(contact(stack, 'c51')).toMatchObject({ marketing_optin: 'EXPLICITLY_OPTEDIN', timestamp_subscribed: '2024-05-01T10:00:00.000Z' });
      // A customer's contact gets consent only: its email and names stay the customer sync's.
      expect(stackBodiesOf(stack, 'c51').at(-1)).not.toHaveProperty('email');

      // The customer opts out in Centra later; an older, still active second sign-up (another store) does not undo it.
      stack.centra.data.customers.update(51, { consents: [{ key: 'newsletter', consented: false, updatedAt: '2024-06-02T08:30:00+00:00' }] });
      await stack.send([{ type: 'customer', id: 51 }]);
      await waitFor(() => contact(stack!, 'c51')?.marketing_optin === 'EXPLICITLY_OPTEDOUT', "the customer's opt-out");
      stack.centra.data.newsletterSubscriptions.signUp('cara@example.com', { createdAt: '2024-05-15T10:00:00+00:00', store: { id: 2 } });
      const bodies = stackBodiesOf(stack, 'c51').length;
      expect(await poll(stack)).toMatchObject({ outranked: 1, contactsSent: 0 });
      expect(stackBodiesOf(stack, 'c51')).toHaveLength(bodies);
      expect(contact(stack, 'c51')?.marketing_optin).toBe('EXPLICITLY_OPTEDOUT');

      // A sign-up made after the opt-out is a re-subscription.
      stack.centra.data.newsletterSubscriptions.signUp('cara@example.com', { createdAt: '2024-06-10T10:00:00+00:00' });
      await poll(stack);
      expect(contact(stack, 'c51')).toMatchObject({ marketing_optin: 'EXPLICITLY_OPTEDIN', timestamp_subscribed: '2024-06-10T10:00:00.000Z' });
    },
  );

  itOnFullContract('Query.newsletterSubscriptions', 'a back-in-stock subscription sends nothing', async () => {
    stack = await startStack();
    stack.centra.data.newsletterSubscriptions.signUp('waiting@example.com', { productVariant: { id: 7 } });
    stack.centra.data.newsletterSubscriptions.signUp('waiting2@example.com', { productSize: { id: 70 } });
    expect(await poll(stack)).toMatchObject({ backInStock: 2, subscriptions: 0, contactsSent: 0 });
    expect(stack.ometria.store.all('contact')).toEqual([]);
    expect(await stack.service.store.contactKeys.keyForEmail('waiting@example.com')).toBeUndefined();
  });

  itOnFullContract(
    'Query.newsletterSubscriptions',
    'reads everything once, then stays cheap: new sign-ups by createdAt each poll, deactivations by a bounded rolling sweep',
    async () => {
      stack = await startStack();
      const subs = ['a', 'b', 'c', 'd', 'e'].map((n) =>
        stack!.centra.data.newsletterSubscriptions.signUp(`${n}@example.com`, { createdAt: '2024-01-01T00:00:00+00:00' }),
      );
      const small = { pageSize: 2, sweepPages: 1 };

      expect(await poll(stack, small)).toMatchObject({ mode: 'full', pages: 3, centraRequests: 3, contactsSent: 5 });

      // Sub e (page 3) unsubscribes, and a new person signs up: the sign-up is sent at once, the sweep reaches e later.
      stack.centra.data.newsletterSubscriptions.deactivate(subs[4]!.id);
      const fresh = stack.centra.data.newsletterSubscriptions.signUp('f@example.com');
      const second = await poll(stack, small);
      expect(second).toMatchObject({ mode: 'incremental', centraRequests: 2, contactsSent: 1, checkpoint: { sweepPage: 2 } });
      expect(contact(stack, `n${fresh.id}`)?.marketing_optin).toBe('EXPLICITLY_OPTEDIN');
      expect(contact(stack, `n${subs[4]!.id}`)?.marketing_optin).toBe('EXPLICITLY_OPTEDIN');

      expect(await poll(stack, small)).toMatchObject({ centraRequests: 2, contactsSent: 0, checkpoint: { sweepPage: 3 } });
      expect(await poll(stack, small)).toMatchObject({ centraRequests: 2, contactsSent: 1, checkpoint: { sweepPage: 4 } });
      expect(contact(stack, `n${subs[4]!.id}`)?.marketing_optin).toBe('EXPLICITLY_OPTEDOUT');
      // Page 4 is empty: the sweep wraps to the start.
      expect(await poll(stack, small)).toMatchObject({ centraRequests: 2, contactsSent: 0, checkpoint: { sweepPage: 1, sweeps: 1 } });
    },
  );
});

function stackBodiesOf(s: Stack, id: string): Array<Record<string, unknown>> {
  return s.ometria.store.bodies('contact', id, 'centra');
}
