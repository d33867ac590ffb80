/** The command line of `npm run bench` (bench/run.ts); BENCH_ONLY stands in for --only. */
export interface BenchArgs {
  quick: boolean;
  /** Part names; undefined runs every part. */
  only?: string[];
  /** A previous results file to compare this run with. */
  compare?: string;
  /** Exit 1 when --compare finds a regression; without it regressions are printed and the exit code stays 0. */
  failOnRegression: boolean;
  /** A directory the remote-latency bench writes each run's Centra requests and Ometria pushes to, as timed traces. */
  trace?: string;
}

/** `--name value` or `--name=value`. */
const option = (argv: string[], name: string): string | undefined => {
  const i = argv.indexOf(name);
  if (i >= 0) {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--'))
      throw new Error(`bench: ${name} needs a value (e.g. ${name === '--only' ? '--only intake,replicas' : `${name} bench/results/latest.json`})`);
    return v;
  }
  return argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
};

export function parseBenchArgs(argv: string[], benchOnly?: string): BenchArgs {
  const only = (option(argv, '--only') ?? benchOnly)
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return {
    quick: argv.includes('--quick'),
    ...(only && only.length ? { only } : {}),
    ...(option(argv, '--compare') ? { compare: option(argv, '--compare') } : {}),
    ...(option(argv, '--trace') ? { trace: option(argv, '--trace') } : {}),
    failOnRegression: argv.includes('--fail-on-regression'),
  };
}
