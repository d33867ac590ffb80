/** Builders for POST /collect bodies in tests (not a test file itself). */
import { randomUUID } from 'node:crypto';
import type { TrackerEvent, TrackerEventType } from '../../shared/tracker-event-types.js';

export const SHOP_ORIGIN = 'https://shop.example.com';

export const eventId = (): string => randomUUID().replaceAll('-', '');

export function trackerEvent(type: TrackerEventType, data: unknown, over: Partial<TrackerEvent> = {}): TrackerEvent {
  return { id: eventId(), type, at: new Date().toISOString(), url: `${SHOP_ORIGIN}/p/linen-shirt`, data, ...over } as TrackerEvent;
}

export function batchOf(events: unknown[], visitorId: string = randomUUID()) {
  return { v: 1, store: 'example.com/uk', visitorId, sentAt: new Date().toISOString(), events };
}

export interface CollectReply {
  status: number;
  headers: Headers;
  body: { accepted?: number; duplicates?: number; rejected?: Array<{ index: number; id?: string; reason: string }>; error?: string };
}

/** POSTs like the tracker does: text/plain, from the shop's origin unless told otherwise. */
export async function postCollect(baseUrl: string, body: unknown, options: { origin?: string | null; contentType?: string } = {}): Promise<CollectReply> {
  const headers: Record<string, string> = { 'content-type': options.contentType ?? 'text/plain;charset=UTF-8' };
  if (options.origin !== null) headers.origin = options.origin ?? SHOP_ORIGIN;
  const res = await fetch(`${baseUrl}/collect`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : {} };
}
