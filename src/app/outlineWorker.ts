// Worker-thread entry of the territory outlines (see outlineThreads.ts): partitions one pool's
// points per message with partitionTerritories and posts the outlines (or the error) back.
// Compiled it runs from dist/src/app/outlineWorker.js; from TypeScript sources outlineWorkerTsx.js
// registers tsx first.
import { parentPort } from 'node:worker_threads';
import { partitionTerritories } from '../io/artifacts/territoryPartition.js';
import type { OutlineThreadReply, OutlineThreadRequest } from './outlineThreadMessages.js';
import { threadReply } from './threadBatch.js';

const port = parentPort;
if (!port) throw new Error('outlineWorker.ts must run in a worker thread (see outlineThreads.ts)');

port.on('message', (request: OutlineThreadRequest) => {
  const reply: OutlineThreadReply = threadReply(request.index, () => partitionTerritories(request.points));
  port.postMessage(reply);
});
