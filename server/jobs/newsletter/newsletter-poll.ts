import { alertFingerprint, catalogueAlert } from '../../alerts/alert-catalogue.js';
import { centraTime } from '../../centra/centra-time.js';
import { RemoteError } from '../../remote/remote-errors.js';
import type { Store } from '../../store/store.js';
import type { SyncContext } from '../sync-context.js';
import { applyNewsletterPage } from './apply-newsletter-page.js';
import { fetchNewsletterPage } from '../../centra/newsletter/fetch-newsletter-page.js';
import {
  emptyNewsletterProgress,
  PROGRESS_KEY,
  readCheckpoint,
  writeCheckpoint,
  type NewsletterCheckpoint,
  type NewsletterProgress,
} from './newsletter-checkpoint.js';

export interface NewsletterPollSettings {
  /** Subscriptions per Centra request. */
  pageSize: number;
  /** Pages of the rolling sweep read per poll (NEWSLETTER_SWEEP_PAGES). */
  sweepPages: number;
  /** The new-sign-up pass asks from the watermark less this, ms: clock skew between us and Centra. */
  overlapMs: number;
}

/** [INF] Centra's page limit for list queries is undocumented; 100 is what the other polls use. */
export const NEWSLETTER_PAGE_SIZE = 100;
/** Ten minutes of overlap: a sign-up read twice is recognised by its memory and not sent again. */
export const NEWSLETTER_OVERLAP_MS = 10 * 60_000;

const running = new WeakSet<Store>();

/**
 * One newsletter poll (docs/customers.md, "Newsletter sign-ups"). The first ever poll reads every subscription,
 * page by page, checkpointed after each page so a restart resumes. After that each poll costs
 * 1 + `sweepPages` requests when nothing much happened: sign-ups created since the watermark (they carry a
 * createdAt), then the next `sweepPages` pages of the whole list, wrapping at its end, because a deactivation
 * changes no date Centra can filter on. Never throws for Centra or Ometria trouble: the result says `failed`, the
 * checkpoint keeps what was done, and the next poll goes on from there.
 */
export async function runNewsletterPoll(ctx: SyncContext, settings: NewsletterPollSettings): Promise<NewsletterProgress> {
  const startedAt = ctx.now();
  if (running.has(ctx.store)) {
    ctx.logger.info('newsletter poll already running; this one is skipped');
    return (await ctx.store.kv.get<NewsletterProgress>(PROGRESS_KEY)) ?? emptyNewsletterProgress('incremental', startedAt);
  }
  running.add(ctx.store);
  try {
    return await poll(ctx, settings, startedAt);
  } finally {
    running.delete(ctx.store);
  }
}

async function poll(ctx: SyncContext, settings: NewsletterPollSettings, startedAt: number): Promise<NewsletterProgress> {
  let checkpoint: NewsletterCheckpoint = (await readCheckpoint(ctx.store.kv)) ?? { fullReadPage: 1, fullReadStartedAt: startedAt, sweepPage: 1, sweeps: 0 };
  const full = checkpoint.fullReadPage !== undefined || checkpoint.watermark === undefined;
  const since = full ? undefined : centraTime(checkpoint.watermark! - settings.overlapMs);
  const progress = emptyNewsletterProgress(full ? 'full' : 'incremental', startedAt, since);
  const save = async (next?: NewsletterCheckpoint) => {
    if (next) {
      checkpoint = next;
      await writeCheckpoint(ctx.store.kv, checkpoint);
    }
    progress.checkpoint = checkpoint;
    await ctx.store.kv.set(PROGRESS_KEY, progress);
  };
  const readPage = async (page: number, from?: string) => {
    const res = await fetchNewsletterPage(ctx.centra, page, settings.pageSize, from);
    progress.centraRequests++;
    progress.unreadable += res.unreadable;
    await applyNewsletterPage(ctx, res.subscriptions, progress);
    progress.pages++;
    return res.rows < settings.pageSize;
  };
  await save();
  try {
    // Without the query, Centra keeps its sign-ups to itself: the schema check's alert says so (docs/centra-setup.md).
    if (!(await ctx.centra.canSend('NewsletterSubscriptions'))) {
      progress.state = 'unavailable';
      progress.finishedAt = ctx.now();
      await save();
      return progress;
    }
    // Without the createdAt filter, the sweep alone finds new sign-ups, one cycle later at worst.
    const newSignUps = await ctx.centra.canSend('NewNewsletterSubscriptions');
    if (full) {
      const fullReadStartedAt = checkpoint.fullReadStartedAt ?? startedAt;
      for (let page = checkpoint.fullReadPage ?? 1; ; page++) {
        const last = await readPage(page);
        // Sign-ups made while the full read ran come after the pages already read (ids ascending) [INF], so the
        // watermark is the read's first start.
        await save(last ? { watermark: fullReadStartedAt, sweepPage: 1, sweeps: 0 } : { ...checkpoint, fullReadPage: page + 1, fullReadStartedAt });
        if (last) break;
      }
    } else {
      if (newSignUps) for (let page = 1; !(await readPage(page, since)); page++);
      await save({ ...checkpoint, watermark: startedAt });
      for (let i = 0; i < settings.sweepPages; i++) {
        const last = await readPage(checkpoint.sweepPage);
        await save(last ? { ...checkpoint, sweepPage: 1, sweeps: checkpoint.sweeps + 1 } : { ...checkpoint, sweepPage: checkpoint.sweepPage + 1 });
        if (last) break;
      }
    }
    progress.state = 'done';
    await ctx.alerter.resolve(alertFingerprint('newsletter_poll_failed'));
  } catch (error) {
    progress.state = 'failed';
    progress.error = (error as Error).message;
    if (error instanceof RemoteError && error.outcome.kind !== 'unusable')
      ctx.logger.warn({ outcome: error.outcome.kind }, `newsletter poll stopped: ${error.message}; the next poll retries`);
    else await raisePollFailedAlert(ctx, error as Error);
  }
  progress.finishedAt = ctx.now();
  await save();
  ctx.logger.info(
    { newsletter: progress },
    `newsletter ${progress.mode} poll ${progress.state}: ${progress.subscriptions} subscriptions, ${progress.contactsSent} contacts sent, ${progress.unchanged} unchanged`,
  );
  return progress;
}

function raisePollFailedAlert(ctx: SyncContext, error: Error): Promise<void> {
  ctx.logger.error({ err: error }, 'newsletter poll failed');
  return ctx.alerter.raise(catalogueAlert('newsletter_poll_failed', { error }));
}
