import { createHash } from 'node:crypto';

/** The dashboard's one stylesheet, inline: the page needs no second request and no build step. */
export const STATUS_STYLE = `body{font:14px/1.4 system-ui,sans-serif;margin:2rem;max-width:1200px;color:#222}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem}table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top}th{background:#f4f4f4}
.cards{display:flex;gap:1rem;flex-wrap:wrap}.card{border:1px solid #ddd;border-radius:6px;padding:.6rem 1rem}
.card b{display:block;font-size:1.3rem}.bad b{color:#b00}.empty{color:#777}.error{color:#b00}
form.inline{display:inline;margin:0}h3{font-size:1rem;margin:1rem 0 .3rem}
nav{position:sticky;top:0;background:#fff;padding:.4rem 0;border-bottom:1px solid #ddd;font-size:.9rem}
.notice{padding:.5rem .8rem;border-radius:6px}.notice.ok{background:#eef8ee}.notice.error{background:#fbeaea;color:#b00}
time{border-bottom:1px dotted #999;cursor:help}.lookup input{font:inherit}
.charts{display:flex;gap:1.5rem;flex-wrap:wrap}.chart{margin:0}.chart figcaption{font-size:.9rem;margin-bottom:.2rem}
.chart svg rect{fill:#4a7fb5}.chart svg.bad rect{fill:#c0504d}.chart svg line{stroke:#999}.chart svg text{font-size:10px;fill:#666}`;

/**
 * The stylesheet's CSP source: the Content-Security-Policy allows this exact <style> and no other, so injected
 * markup can neither run script nor restyle the page (security-headers.ts).
 */
export const STATUS_STYLE_CSP = `'sha256-${createHash('sha256').update(STATUS_STYLE, 'utf8').digest('base64')}'`;
