import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

/** A bar with count, rate and ETA on a terminal; a line every few seconds otherwise (logs, CI). */
export function progressReporter(label: string, stream: NodeJS.WriteStream = process.stdout): Progress {
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: `${label} [{bar}] {value}/{total} · {rate}/s · ETA {eta_formatted}`, stream, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    const started = Date.now();
    let begun = false;
    return {
      update(done, total) {
        if (!begun) bar.start(total, 0, { rate: '0' });
        begun = true;
        bar.setTotal(total);
        bar.update(done, { rate: (done / Math.max((Date.now() - started) / 1000, 0.001)).toFixed(1) });
      },
      stop: () => bar.stop(),
    };
  }
  let last = 0;
  return {
    update(done, total) {
      if (Date.now() - last < 5_000 && done < total) return;
      last = Date.now();
      stream.write(`${label}: ${done}/${total}\n`);
    },
    stop: () => undefined,
  };
}
