import parsePrometheusTextFormat, { type PrometheusFamily } from 'parse-prometheus-text-format';

/** One scrape of /metrics, parsed by a real Prometheus text parser (it throws on a line that is not the format). */
export interface Scraped {
  families: PrometheusFamily[];
  /** The value of the one sample of `name` whose labels include `labels`; 0 when there is none. */
  value(name: string, labels?: Record<string, string>): number;
  /** The sample lines' labels of family `name` (histograms: of their `_count` series). */
  labelSets(name: string): Array<Record<string, string>>;
  /** Every family name, histograms' included. */
  names(): Set<string>;
}

/**
 * GET `url` with `headers`, parse it. The parser folds a histogram's buckets of every label set into one sample,
 * so histograms are parsed a second time with their TYPE line dropped: their `_count` and `_sum` series then read
 * like counters, one sample per label set.
 */
export async function scrapeMetrics(url: string, headers: Record<string, string> = {}): Promise<Scraped> {
  const response = await fetch(url, { headers });
  if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}: ${await response.text()}`);
  return parseMetrics(await response.text());
}

/** One exposition in Prometheus text format, parsed (histograms as scrapeMetrics says). */
export function parseMetrics(text: string): Scraped {
  const families = parsePrometheusTextFormat(text);
  const histograms = new Set(families.filter((f) => f.type === 'HISTOGRAM').map((f) => f.name));
  const flat = parsePrometheusTextFormat(
    text
      .split('\n')
      .filter((line) => !/^# TYPE \S+ histogram$/.test(line))
      .join('\n'),
  );
  const byName = new Map(flat.map((f) => [f.name, f]));
  const samples = (name: string) => byName.get(histograms.has(name) ? `${name}_count` : name)?.metrics ?? [];
  return {
    families,
    value(name, labels = {}) {
      const matching = (byName.get(name)?.metrics ?? []).filter((s) => Object.entries(labels).every(([k, v]) => s.labels?.[k] === v));
      if (matching.length > 1) throw new Error(`${matching.length} samples of ${name} match ${JSON.stringify(labels)}: name every label`);
      return matching.length === 0 ? 0 : Number(matching[0]!.value);
    },
    labelSets: (name) => samples(name).map((s) => s.labels ?? {}),
    names: () => new Set(families.map((f) => f.name)),
  };
}
