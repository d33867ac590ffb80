import type { Config } from '../config/load-config.js';
import { createLogger } from '../log/logger.js';
import { runNewsletterPoll } from '../jobs/newsletter/newsletter-poll.js';
import { newsletterPollEnabled, newsletterPollSettings } from '../config/newsletter-settings.js';
import { openConfiguredStore } from '../open-configured-store.js';
import { createRuntime } from '../runtime.js';

/** `sync newsletter`: one newsletter poll now, as the scheduler runs it; prints its progress, exits 1 if it failed. */
export async function syncNewsletter(config: Readonly<Config>): Promise<number> {
  if (config.mode === 'sandbox') {
    console.error('sync newsletter needs CENTRA_API_URL and OMETRIA_API_KEY');
    return 2;
  }
  if (!newsletterPollEnabled(config)) {
    console.error('sync newsletter: CONSENT_MAPPING has "useNewsletterSubscriptions": false, so subscriptions are not read');
    return 2;
  }
  const store = await openConfiguredStore(config);
  try {
    const runtime = createRuntime(config, store, { logger: createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL), now: Date.now });
    const result = await runNewsletterPoll(runtime.ctx, newsletterPollSettings(config));
    console.log(JSON.stringify(result, null, 2));
    return result.state === 'failed' ? 1 : 0;
  } finally {
    await store.close();
  }
}
