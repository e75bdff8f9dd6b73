// Worker-thread entry of the cycle stage (see cycleThreads.ts): plans one rep's visit cycle per
// message with planRepCycle (incremental or whole) and posts the result (or the error) back. Compiled it runs
// from dist/src/app/cycleWorker.js; from TypeScript sources cycleWorkerTsx.js registers tsx first.
import { parentPort } from 'node:worker_threads';
import { planRepCycle } from '../domain/cycle/planRepCycles.js';
import { greatCircleTravelModel, type TravelModel } from '../domain/routing/travelModel.js';
import type { CycleThreadRequest } from './cycleThreadMessages.js';
import { threadReply } from './threadBatch.js';

const port = parentPort;
if (!port) throw new Error('cycleWorker.ts must run in a worker thread (see cycleThreads.ts)');

// One great-circle model per settings: a run has one, so this is built once per thread.
const models = new Map<string, TravelModel>();

function travelOf(settings: CycleThreadRequest['greatCircle']): TravelModel {
  const key = `${settings.speedKmh}/${settings.circuity}`;
  let model = models.get(key);
  if (!model) models.set(key, (model = greatCircleTravelModel(settings)));
  return model;
}

port.on('message', (request: CycleThreadRequest) => {
  port.postMessage(
    threadReply(request.index, () =>
      planRepCycle(
        { ...request.input, travel: travelOf(request.greatCircle) },
        request.starts,
        request.basis,
      ),
    ),
  );
});
