/**
 * Debug mode for storefront developers (`data-debug` on the script tag, `?centra_ometria_debug=1` in the page URL,
 * or `debug: true`): one console line per event, and a warning for everything rejected, with the reason. Emails and
 * identity tokens are masked; the browser's network panel shows the requests themselves. Off, it costs nothing.
 */

export type Debug = [
  info: (...what: unknown[]) => void,
  warn: (...what: unknown[]) => void,
  /** Reads a /collect reply for what it refused (`error`) or rejected (`rejected[]`), for `n` events sent. */
  reply: (r: Response, n: number) => void,
];

const off = () => {};

/** JSON with the visitor's email and identity token masked. */
export const masked = (data: unknown): string =>
  JSON.stringify(data, (k, v) => (k == 'email' || k == 'token' ? '***' : v));

export const debugConsole = (on: boolean | undefined): Debug => {
  if (!on && !/[?&]centra_ometria_debug=1(&|$)/.test(location.search)) return [off, off, off];
  const out =
    (level: 'info' | 'warn') =>
    (...what: unknown[]) =>
      console[level]('centraOmetria:', ...what);
  const warn = out('warn');
  return [
    out('info'),
    warn,
    (r, n) =>
      r.json().then(
        (b: { error?: string; rejected?: { id?: string; reason: string }[] }) => {
          if (b.error) warn(`/collect refused ${n} event(s) with ${r.status}: ${b.error}`);
          for (const x of b.rejected || []) warn(`/collect rejected event ${x.id}: ${x.reason}`);
        },
        off,
      ),
  ];
};
