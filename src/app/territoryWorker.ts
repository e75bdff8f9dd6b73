// Worker-thread entry of the territories stage (see territoryThreads.ts): draws one pool's
// territories per message with runPoolTerritoryJob (choosePoolTerritories, multi-start included:
// its estimate cycles build the policy's great-circle model in this thread) and posts the draw (or
// the error) back. Compiled it runs from dist/src/app/territoryWorker.js; from TypeScript sources
// territoryWorkerTsx.js registers tsx first.
import { parentPort } from 'node:worker_threads';
import { runPoolTerritoryJob } from '../domain/pipeline/poolTerritoryJob.js';
import { threadReply } from './threadBatch.js';
import type { TerritoryThreadRequest } from './territoryThreadMessages.js';

const port = parentPort;
if (!port) throw new Error('territoryWorker.ts must run in a worker thread (see territoryThreads.ts)');

port.on('message', (request: TerritoryThreadRequest) => {
  port.postMessage(threadReply(request.index, () => runPoolTerritoryJob(request.job)));
});
