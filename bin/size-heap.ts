// Imported first by the entry point, for its effect: V8's heap is sized before any other module is evaluated
// (server/heap-sizing.ts says why).
import { commandName } from '../server/cli/command-name.js';
import { sizeHeap } from '../server/heap-sizing.js';

sizeHeap(commandName(process.argv.slice(2)));
