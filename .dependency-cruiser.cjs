/**
 * The layer rules (`npm run lint`, test/lint/layer-rules.test.ts). Layers point down only; each rule names the
 * layer that must not reach the other and why. Type-only imports count: a type import is still a dependency of
 * the design, and a cycle through types alone is a cycle of concepts.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle makes two modules one concept; split the shared part into its own module lower down.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'tracker-only-zod-free-shared',
      severity: 'error',
      comment: 'The browser tracker ships with no dependencies: it imports tracker/, shared/ids/ and the zod-free shared/tracker-event-types.ts only.',
      from: { path: '^tracker/' },
      to: { pathNot: ['^tracker/', '^shared/ids/', '^shared/tracker-event-types\\.ts$'] },
    },
    {
      name: 'server-not-to-sandbox',
      severity: 'error',
      comment: 'Production code never depends on the simulators; the sandbox may import the server, not the other way.',
      from: { path: '^server/' },
      to: { path: '^sandbox/' },
    },
    {
      name: 'store-imports-nothing-above',
      severity: 'error',
      comment: 'server/store/ is the bottom layer: it imports store/, shared/, node built-ins and npm packages only.',
      from: { path: '^server/store/' },
      to: { path: '^(server|sandbox|tracker|bench|test)/', pathNot: '^server/store/' },
    },
    {
      name: 'mapping-does-no-io',
      severity: 'error',
      comment: 'server/mapping/ is pure (Centra shape in, Ometria shape out): no files, sockets, HTTP, databases or remote clients.',
      from: { path: '^server/mapping/' },
      to: {
        // A type import does no I/O: mapping may name the row types the store owns (OrderFacts, ConsentState).
        dependencyTypesNot: ['type-only'],
        path: [
          '^(node:)?(fs|net|http|https|http2|dgram|child_process)(/|$)',
          '^(pg|better-sqlite3|express|graphql-request)$',
          '^node_modules/(pg|better-sqlite3|express|graphql-request)/',
          '^server/store/',
          // The Centra clients: the GraphQL client and every module that calls it (the entity modules' *-query.ts
          // and centra-<entity>.ts are pure text and types, and allowed).
          '^server/centra/(centra-client|fetch-by-alias|live-quota)\\.ts$',
          '^server/centra/[^/]+/(fetch-[^/]+|list-orders|changed-products|recent-products|catalogue-setup|live-schema|run-schema-check)\\.ts$',
          // The Ometria clients (push, read-back, error poll).
          '^server/ometria/(push-client|read-client|push-records|poll-push-errors)\\.ts$',
        ],
      },
    },
    {
      name: 'intake-not-to-http',
      severity: 'error',
      comment: 'server/http/ mounts server/intake/; intake never imports http (one way only).',
      from: { path: '^server/intake/' },
      to: { path: '^server/http/' },
    },
    {
      name: 'worker-not-to-jobs',
      severity: 'error',
      comment: 'Jobs register with the worker; the worker never imports server/jobs/.',
      from: { path: '^server/worker/' },
      to: { path: '^server/jobs/' },
    },
    {
      name: 'prom-client-only-in-metrics',
      severity: 'error',
      comment: 'server/metrics/ is the one home of prom-client: every other layer reports through its Metrics port (server/metrics/metrics.ts).',
      from: { pathNot: '^server/metrics/' },
      to: { path: '(^|/)node_modules/prom-client/' },
    },
    {
      name: 'runtime-not-to-dev-dependencies',
      severity: 'error',
      comment:
        'bin/, server/, sandbox/ and shared/ run on servers installed with `npm ci --omit=dev` (docs/design.md D35): they import dependencies only; test, bench and build tools stay in test/ and bench/.',
      from: { path: '^(bin|server|sandbox|shared)/' },
      to: { dependencyTypes: ['npm-dev'] },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to nothing is a typo or a missing dependency.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules|coverage|test-artifacts|bench/results|test/fixtures)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'],
    },
    skipAnalysisNotInRules: true,
  },
};
