import { RemoteError } from '../remote/remote-errors.js';
import { acceptedOrThrow, classifyOmetriaResponse, unreadableAnswer } from './classify-ometria-response.js';

/** Ometria's answer to one call, body read. */
export interface OmetriaAnswer {
  status: number;
  headers: Headers;
  body: string;
}

export interface OmetriaCallOptions {
  apiKey: string;
  /** ms before the call counts as unanswered. */
  timeoutMs: number;
  /** Names the call in reasons, e.g. "GET /push/_errors"; the push leaves it out. */
  call?: string;
  fetch?: typeof fetch;
}

/**
 * Sends one authenticated request to Ometria and reads its body. A call that gets no answer (network, timeout, a
 * body cut off) throws the RemoteError classifyOmetriaResponse gives it; an answer, whatever its status, is returned
 * for the caller to classify.
 */
export async function callOmetria(
  url: string,
  init: { method?: string; body?: string; headers?: Record<string, string> },
  options: OmetriaCallOptions,
): Promise<OmetriaAnswer> {
  try {
    const res = await (options.fetch ?? fetch)(url, {
      ...init,
      headers: { ...init.headers, 'x-ometria-auth': options.apiKey },
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    return { status: res.status, headers: res.headers, body: await res.text() };
  } catch (error) {
    throw new RemoteError(classifyOmetriaResponse({ thrown: error, call: options.call }));
  }
}

/** The JSON body of Ometria's 2xx answer to `call`, or the RemoteError its classifier gives the answer. */
export function jsonOf(answer: OmetriaAnswer, call: string, now: number): unknown {
  acceptedOrThrow({ ...answer, now, call });
  try {
    return JSON.parse(answer.body);
  } catch (error) {
    throw unreadableAnswer((error as Error).message, call);
  }
}
