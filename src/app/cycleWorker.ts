// Worker-thread entry of the cycle stage (see cycleThreads.ts): plans one rep's visit cycle per
// message with planRepCycle (incremental or whole) and posts the result (or the error) back. Compiled it runs
// from dist/src/app/cycleWorker.js; from TypeScript sources cycleWorkerTsx.js registers tsx first.
import { parentPort } from 'node:worker_threads';
import { planRepCycle } from '../domain/cycle/planRepCycles.js';
import { greatCircleTravelModel, type TravelModel } from '../domain/routing/travelModel.js';
import type { CycleThreadReply, CycleThreadRequest } from './cycleThreadMessages.js';

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
  let reply: CycleThreadReply;
  try {
    const input = { ...request.input, travel: travelOf(request.greatCircle) };
    reply = { index: request.index, planned: planRepCycle(input, request.starts, request.basis) };
  } catch (error) {
    reply = {
      index: request.index,
      error:
        error instanceof Error
          ? { message: error.message, stack: error.stack ?? null }
          : { message: String(error), stack: null },
    };
  }
  port.postMessage(reply);
});
