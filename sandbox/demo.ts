#!/usr/bin/env node
import { loadConfig } from '../server/config/load-config.js';
import { startSandbox } from './start-sandbox.js';
import { runDemo } from './run-demo.js';

/** `npm run demo`: a sandbox plus a scripted day of orders; `--exit` stops after the scenario. */
const config = loadConfig({ PORT: '0', LOG_LEVEL: 'warn', ...process.env, CENTRA_API_URL: undefined, OMETRIA_API_KEY: undefined });
const sandbox = await startSandbox(config);
const ok = await runDemo(sandbox.url, (line) => console.log(line));
if (process.argv.includes('--exit')) {
  await sandbox.close();
  process.exitCode = ok ? 0 : 1;
} else {
  console.log(`\nThe sandbox keeps running: open ${sandbox.url}/status (Ctrl-C to stop).`);
  const stop = () => void sandbox.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
