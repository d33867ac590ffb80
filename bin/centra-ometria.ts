#!/usr/bin/env node
// The composition root: the one module that may join the production server and the sandbox.
// First, before any other module is evaluated: it sizes V8's heap (see the module).
import './size-heap.js';
import type { StartSandbox } from '../server/main.js';
import { runCli } from '../server/cli/run-cli.js';

/** Once a command has returned, the process exits within this, ms, even if a handle was left open. */
const EXIT_GRACE_MS = 1_000;

/** Loaded only in sandbox mode: production runs never load the simulators. */
const startSandbox: StartSandbox = async (config, overrides) => (await import('../sandbox/start-sandbox.js')).startSandbox(config, overrides);

const code = await runCli(process.argv.slice(2), process.env, { serve: { startSandbox } });
process.exitCode = code;
setTimeout(() => process.exit(code), EXIT_GRACE_MS).unref();
