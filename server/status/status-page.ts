import { redactText } from '../log/redact.js';
import { activitySection } from './activity-section.js';
import type { EntityLookup } from './entity-lookup.js';
import { escapeHtml, table, trustedHtml } from './html.js';
import { lookupSection } from './lookup-section.js';
import type { PageNotice } from './page-notice.js';
import { timeTag } from './relative-time.js';
import type { StatusSnapshot } from './status-snapshot.js';
import { STATUS_STYLE } from './status-style.js';

/** The page reloads itself this often, seconds: fresh enough to watch a backlog drain, light on the store. */
export const REFRESH_SECONDS = 30;

/** The page's sections, in order: the navigation bar links each. */
const SECTIONS: Array<[id: string, title: string]> = [
  ['lookup', 'Lookup'],
  ['activity', 'Last 24 hours'],
  ['alerts', 'Alerts'],
  ['findings', 'Drift findings'],
  ['dead-letters', 'Dead letters'],
  ['centra', 'Centra'],
  ['catalogue', 'Catalogue'],
  ['newsletter', 'Newsletter'],
  ['storefront', 'Storefront events'],
  ['backfill', 'Backfill'],
  ['backlog', 'Backlog'],
  ['deliveries', 'Recent deliveries'],
  ['jobs', 'Recent jobs'],
  ['pushes', 'Recent pushes'],
];
const heading = (id: string) => `<h2 id="${id}">${escapeHtml(SECTIONS.find(([key]) => key === id)?.[1] ?? id)}</h2>`;

/** How this response of the page may act: where the app is mounted, and the CSRF token its forms carry. */
export interface StatusPageOptions {
  /** '' or /tenants/<id>: forms post to absolute paths under it. */
  baseUrl: string;
  /** Undefined for a bearer client: it gets no forms (it posts with its bearer). */
  csrf: string | undefined;
  /** Logged in through the form: show the logout button. */
  loggedIn: boolean;
  /** What a lookup (?q=) found. */
  lookup?: EntityLookup | undefined;
  /** The outcome of the action this page was redirected from. */
  notice?: PageNotice | undefined;
}

/**
 * The dashboard: readable on a laptop, no scripts, no build step. It reloads itself (a meta refresh, keeping the
 * lookup), times are relative with the UTC time on hover, and charts are inline SVG.
 */
export function renderStatusPage(s: StatusSnapshot, options: StatusPageOptions = { baseUrl: '', csrf: undefined, loggedIn: false }): string {
  const openAlerts = s.alerts.filter((a) => a.state === 'open');
  const pending = Object.values(s.backlog).reduce((n, states) => n + (states.pending ?? 0) + (states.running ?? 0), 0);
  const now = Date.parse(s.generatedAt);
  const at = (iso: string | null | undefined) => (iso ? trustedHtml(timeTag(iso, now)) : '');
  const card = (label: string, value: unknown, bad = false) => `<div class="card${bad ? ' bad' : ''}"><b>${escapeHtml(value)}</b>${escapeHtml(label)}</div>`;
  const body = [
    `<h1>centra-ometria status</h1><p>${escapeHtml(s.mode)} mode · worker ${s.worker.enabled ? (s.worker.running ? 'running' : 'stopped') : 'disabled'} · updated ${timeTag(s.generatedAt, now)}, reloads every ${REFRESH_SECONDS} s${options.loggedIn ? ` · <form class="inline" method="post" action="${escapeHtml(`${options.baseUrl}/status/logout`)}"><button>Log out</button></form>` : ''}</p>`,
    `<nav>${SECTIONS.map(([id, title]) => `<a href="#${id}">${escapeHtml(title)}</a>`).join(' · ')}</nav>`,
    options.notice ? `<p class="notice ${options.notice.tone}" role="status">${escapeHtml(options.notice.text)}</p>` : '',
    `<div class="cards">${card('jobs waiting', pending)}${card('lag (s)', s.lagSeconds, s.lagSeconds > 300)}${card('open alerts', openAlerts.length, openAlerts.length > 0)}${card('open dead letters', s.openDeadLetters, s.openDeadLetters > 0)}${card('pushes last hour', s.pushRate.lastHour)}${card('failed pushes last hour', s.pushRate.failedLastHour, s.pushRate.failedLastHour > 0)}</div>`,
    heading('lookup'),
    lookupSection(options.baseUrl, options.lookup, now),
    heading('activity'),
    activitySection(s.activity),
    heading('alerts'),
    table(
      s.alerts,
      [
        ['team', (a) => a.team],
        ['state', (a) => a.state],
        ['entity', (a) => a.entity],
        ['what happened', (a) => a.message],
        ['what to do', (a) => a.action ?? ''],
        ['seen', (a) => trustedHtml(`${a.occurrences}× · ${timeTag(a.lastSeen, now)}`)],
      ],
      'No alerts.',
    ),
    heading('findings'),
    `<p>${s.lastReconciliation ? escapeHtml(`Last reconciliation (${s.lastReconciliation.scope}): ${s.lastReconciliation.checked} orders checked, ${s.lastReconciliation.findings} finding(s), ${s.lastReconciliation.finishedAt ? `finished ${s.lastReconciliation.finishedAt}` : 'running'}${s.lastReconciliation.error ? `, failed: ${s.lastReconciliation.error}` : ''}.`) : 'No reconciliation has run yet.'}</p>`,
    table(
      s.findings,
      [
        ['state', (f) => f.state],
        ['team', (f) => f.team],
        ['kind', (f) => f.kind],
        ['entity', (f) => f.entity],
        ['detail', (f) => f.detail],
        ['repair', (f) => f.repair],
        ['updated', (f) => at(f.updatedAt)],
      ],
      'No drift found.',
    ),
    heading('dead-letters'),
    deadLetterTable(s, options, now),
    ...centraSection(s),
    heading('catalogue'),
    `<p>${s.catalogue ? escapeHtml(`Last ${s.catalogue.mode} sync ${s.catalogue.state}: ${s.catalogue.products} products in ${s.catalogue.pages} pages, ${s.catalogue.pushed} records pushed, ${s.catalogue.skippedUnchanged} unchanged, ${s.catalogue.centraRequests} Centra requests${s.catalogue.error ? `; ${s.catalogue.error}` : ''}.`) : 'No catalogue sync has run (set CATALOGUE_STORES).'}</p>`,
    heading('newsletter'),
    `<p>${escapeHtml(newsletterLine(s.newsletter))}</p>`,
    heading('storefront'),
    `<p>${escapeHtml(
      Object.entries(s.trackerEvents)
        .map(([state, n]) => `${state}: ${n}`)
        .join(', ') || 'No storefront events yet.',
    )}</p>`,
    heading('backfill'),
    `<p>${s.backfill ? escapeHtml(`${s.backfill.processed} of ${s.backfill.total} orders${s.backfill.finishedAt ? `, finished ${s.backfill.finishedAt}` : `, last progress ${s.backfill.updatedAt}`}.`) : 'No backfill has run.'}</p>`,
    heading('backlog'),
    table(
      Object.entries(s.backlog),
      [
        ['kind', ([k]) => k],
        [
          'states',
          ([, v]) =>
            Object.entries(v)
              .map(([st, n]) => `${st}: ${n}`)
              .join(', '),
        ],
      ],
      'No jobs yet.',
    ),
    heading('deliveries'),
    table(
      s.deliveries,
      [
        ['#', (d) => d.id],
        ['received', (d) => at(d.receivedAt)],
        ['shape', (d) => d.shape],
        ['events', (d) => d.events],
      ],
      'No deliveries yet.',
    ),
    heading('jobs'),
    table(
      s.jobs,
      [
        ['kind', (j) => j.kind],
        ['entity', (j) => j.entity],
        ['state', (j) => j.state],
        ['attempts', (j) => j.attempts],
        ['next run', (j) => at(j.runAt)],
        ['last error', (j) => j.lastError ?? ''],
      ],
      'No jobs yet.',
    ),
    heading('pushes'),
    table(
      s.pushes,
      [
        ['at', (p) => at(p.at)],
        ['type', (p) => p.type],
        ['records', (p) => p.records],
        ['status', (p) => p.status ?? ''],
        ['request', (p) => p.requestId ?? ''],
        ['error', (p) => p.error ?? ''],
      ],
      'No pushes yet.',
    ),
  ].join('\n');
  return redactText(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta http-equiv="refresh" content="${refreshTarget(options)}"><title>centra-ometria status</title><style>${STATUS_STYLE}</style></head><body>${body}</body></html>`,
  );
}

/** Reload the same view without the notice: a notice is said once. */
function refreshTarget(options: StatusPageOptions): string {
  const query = options.lookup ? `?q=${encodeURIComponent(options.lookup.query)}` : '';
  return escapeHtml(`${REFRESH_SECONDS};url=${options.baseUrl}/status${query}`);
}

function newsletterLine(n: StatusSnapshot['newsletter']): string {
  if (!n) return 'No newsletter poll has run yet (the first runs NEWSLETTER_POLL_MINUTES after start, or run `sync newsletter`).';
  if (n.state === 'unavailable')
    return "Centra's schema has no newsletterSubscriptions query: newsletter-only sign-ups cannot be read (see the Centra section).";
  const cp = n.checkpoint;
  const next = !cp
    ? ''
    : cp.fullReadPage !== undefined
      ? ` Next: page ${cp.fullReadPage} of the first full read.`
      : ` Next: sign-ups since ${cp.watermark === undefined ? '?' : new Date(cp.watermark).toISOString()}, sweep from page ${cp.sweepPage} (${cp.sweeps} full sweeps done).`;
  return `Last ${n.mode} poll ${n.state} at ${new Date(n.finishedAt ?? n.startedAt).toISOString()}: ${n.subscriptions} subscriptions in ${n.pages} pages, ${n.contactsSent} contacts sent, ${n.unchanged} unchanged, ${n.outranked} outranked by a newer decision, ${n.backInStock} back-in-stock ignored, ${n.deadLettered} dead-lettered, ${n.unreadable} unreadable, ${n.centraRequests} Centra requests${n.error ? `; ${n.error}` : ''}.${next}`;
}

/** Replay is a plain form (the page has no script) carrying the session's CSRF token, never ADMIN_TOKEN. */
function deadLetterTable(s: StatusSnapshot, options: StatusPageOptions, now: number): string {
  const replay = (d: StatusSnapshot['deadLetters'][number]) =>
    d.state === 'open' && options.csrf !== undefined
      ? `<form method="post" action="${escapeHtml(`${options.baseUrl}/admin/dead-letters/${d.id}/replay`)}"><input type="hidden" name="csrf" value="${escapeHtml(options.csrf)}"><button>Replay</button></form>`
      : '';
  const rows = s.deadLetters.map(
    (d) =>
      `<tr><td>${d.id}</td><td>${escapeHtml(d.state)}</td><td>${escapeHtml(d.entity)}</td><td>${escapeHtml(d.record)}</td><td>${escapeHtml(d.reason)}</td><td>${timeTag(d.updatedAt, now)}</td><td>${replay(d)}</td></tr>`,
  );
  return rows.length === 0
    ? '<p class="empty">No dead letters.</p>'
    : `<table><thead><tr><th>#</th><th>state</th><th>job</th><th>record</th><th>reason</th><th>updated</th><th></th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** What the live Centra schema allows, one row per capability, and Centra values this version does not know. */
function centraSection(s: StatusSnapshot): string[] {
  const check = s.centra.schema;
  const head = check
    ? `Checked ${check.checkedAt} against ${check.source === 'live' ? "Centra's live schema" : `the documented contract only (introspection failed: ${check.introspectionError ?? 'unknown'})`}. Refunded quantities: ${s.centra.refunds.quantities}; amounts: ${s.centra.refunds.amounts}. Orders per request: ${s.centra.orderBatchSize ?? 'CENTRA_BATCH_SIZE'}${s.centra.orderBatchSize === null ? '' : " (fitted to Centra's complexity quota)"}.`
    : "Centra's schema has not been checked yet.";
  return [
    heading('centra'),
    `<p>${escapeHtml(head)}</p>`,
    check
      ? table(
          check.capabilities,
          [
            ['capability', (c) => c.capability],
            ['state', (c) => c.state],
            [
              'missing in Centra, and what the service does instead',
              (c) =>
                [
                  ...c.missing.map((m) => `${m.coordinate}: ${m.instead}`),
                  ...c.refused.map((r) => `${r.document} not sent (${r.errors[0] ?? ''})${r.instead ? `: ${r.instead}` : ''}`),
                ].join(' · '),
            ],
          ],
          '',
        )
      : '',
    table(
      s.centra.unknownValues,
      [
        ['value', (v) => `${v.kind} ${v.value}`],
        ['first seen', (v) => `${v.entity}, ${v.firstSeen}`],
        ['treated as', (v) => v.treatedAs],
      ],
      'Centra has sent no value this version does not know.',
    ),
  ];
}
