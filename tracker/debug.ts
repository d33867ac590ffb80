/**
 * Debug mode for storefront developers (`data-debug` on the script tag, `?centra_ometria_debug=1` in the page URL,
 * or `debug: true`): one console line per event, and a warning for everything rejected, with the reason. Emails and
 * identity tokens are masked; the browser's network panel shows the requests themselves. Off, nothing is logged
 * and no reply body is read.
 */

export type Debug = [
  info: (...what: unknown[]) => void,
  warn: (...what: unknown[]) => void,
  /** Reads a /collect reply for what it refused (`error`) or rejected (`rejected[]`). */
  reply: (r: Response) => void,
];

/** JSON with the visitor's email and identity token masked. */
export const masked = (data: unknown): string => JSON.stringify(data, (k, v: unknown) => (k == 'email' || k == 'token' ? '***' : v));

export const debugConsole = (on: boolean | undefined): Debug => {
  const c = on || /[?&]centra_ometria_debug=1(&|$)/.test(location.search) ? console : 0;
  const warn = (...a: unknown[]) => c && c.warn('centraOmetria:', ...a);
  return [
    // objects are masked here, not by the caller: with debug off a call pays no JSON.stringify
    (...a) => c && c.info('centraOmetria:', ...a.map((x) => (x && typeof x == 'object' ? masked(x) : x))),
    warn,
    (r) =>
      c &&
      r.json().then((b: { error?: string; rejected?: { id?: string; reason: string }[] }) => {
        b.error && warn('/collect refused:', r.status, b.error);
        b.rejected?.forEach((x) => warn('/collect rejected', x.id + ':', x.reason));
      }, warn),
  ];
};
