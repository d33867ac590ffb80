import type { RejectedTrackerEvent, TrackerBatchEnvelope } from '../../shared/schemas/tracker-events.js';
import type { TrackerEvent } from '../../shared/tracker-event-types.js';
import { HttpError } from '../http/http-errors.js';
import type { CollectCounters } from './collect-counters.js';
import { recordTooLarge, worstCaseRecordBytes } from './event-size.js';
import { withAllowedUrls, type UrlRules } from './url-rules.js';
import { vetIdentify, type IdentifyVetting } from './vet-identify.js';

export interface ScreenDeps {
  /** Ometria store ids of OMETRIA_STORE_MAP and CATALOGUE_STORES. */
  stores: ReadonlySet<string>;
  urlRules: UrlRules;
  counters: CollectCounters;
  vetting: Omit<IdentifyVetting, 'now'>;
}

/**
 * The content checks of POST /collect after the schema (issue 15.1, 15.2), all before anything is stored, so a
 * request is refused whole or stored whole: 400 for a store that is not configured, 413 when an event could only
 * become an Ometria record over 60 KB (refused here instead of dead-lettered and alerted later). Then, per event:
 * URLs outside the allowed hosts are taken out (counted), and an identify that may not be believed is rejected
 * with its reason (the visitor stays anonymous). Returns the events to store and the rejections to report.
 */
export async function screenTrackerBatch(
  batch: TrackerBatchEnvelope,
  events: readonly TrackerEvent[],
  positions: readonly number[],
  deps: ScreenDeps,
  now: number,
): Promise<{ events: TrackerEvent[]; rejected: RejectedTrackerEvent[] }> {
  if (!deps.stores.has(batch.store)) {
    deps.counters.count('store');
    throw new HttpError(
      400,
      `store "${batch.store.slice(0, 64)}" is not a configured Ometria store (OMETRIA_STORE_MAP or CATALOGUE_STORES); check the script tag's data-store`,
    );
  }
  events.forEach((e, i) => {
    const bytes = worstCaseRecordBytes(e, batch.store, now);
    if (recordTooLarge(bytes)) {
      deps.counters.count('oversized');
      throw new HttpError(
        413,
        `event ${positions[i]} (${e.type}) could become a ${bytes}-byte Ometria record, over Ometria's 60 KB limit; send fewer or shorter lines`,
      );
    }
  });
  const kept: TrackerEvent[] = [];
  const rejected: RejectedTrackerEvent[] = [];
  for (const [i, raw] of events.entries()) {
    const event = withAllowedUrls(raw, deps.urlRules, (reason) => deps.counters.count(`url:${reason}`));
    if (event.type !== 'identify') {
      kept.push(event);
      continue;
    }
    const vetted = await vetIdentify(event.data, { ...deps.vetting, now });
    if (vetted.ok) {
      kept.push({ ...event, data: vetted.data });
    } else {
      deps.counters.count(`identify:${vetted.code}`);
      rejected.push({ index: positions[i]!, id: event.id, issues: [vetted.reason] });
    }
  }
  return { events: kept, rejected };
}
