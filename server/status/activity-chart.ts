import { escapeHtml } from './html.js';

export interface ChartBar {
  /** Start of the bar's hour, Unix ms. */
  start: number;
  value: number;
  /** Shown on hover, with the bar's UTC hour. */
  detail: string;
}

const WIDTH = 360;
const HEIGHT = 90;
const AXIS = 14;

const hourLabel = (ms: number) => `${new Date(ms).toISOString().slice(11, 13)}:00`;

/**
 * One small bar chart as inline SVG: no script and no style attribute, so the dashboard's CSP (one hashed
 * stylesheet, no script) holds. Each bar has a <title> tooltip; the axis names the first and last hour (UTC).
 */
export function barChart(title: string, unit: string, bars: ChartBar[], tone: 'ok' | 'bad' = 'ok'): string {
  const max = Math.max(0, ...bars.map((b) => b.value));
  const step = WIDTH / Math.max(1, bars.length);
  const plot = HEIGHT - AXIS;
  const rects = bars.map((b, i) => {
    const h = max === 0 ? 0 : Math.max(b.value > 0 ? 1 : 0, Math.round((b.value / max) * (plot - 4)));
    const tip = `${hourLabel(b.start)} UTC: ${b.detail}`;
    return `<rect x="${(i * step + 1).toFixed(1)}" y="${plot - h}" width="${(step - 2).toFixed(1)}" height="${h}"><title>${escapeHtml(tip)}</title></rect>`;
  });
  const first = bars[0];
  const last = bars[bars.length - 1];
  const axis =
    first && last
      ? `<text x="0" y="${HEIGHT - 2}">${hourLabel(first.start)}</text><text x="${WIDTH}" y="${HEIGHT - 2}" text-anchor="end">${hourLabel(last.start)} UTC</text>`
      : '';
  return (
    `<figure class="chart"><figcaption>${escapeHtml(title)} <span class="empty">(max ${escapeHtml(max)} ${escapeHtml(unit)})</span></figcaption>` +
    `<svg viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="${escapeHtml(`${title}, last ${bars.length} hours`)}" class="${tone}">` +
    `<line x1="0" y1="${plot}" x2="${WIDTH}" y2="${plot}"></line>${rects.join('')}${axis}</svg></figure>`
  );
}
