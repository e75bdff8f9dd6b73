import type { OwnedPoint, PolygonRings } from '../io/artifacts/territoryPartition.js';
import type { ThreadReply } from './threadBatch.js';

/** What outlineThreads.ts posts to an outline worker thread: one pool's points. */
export interface OutlineThreadRequest {
  /** Position of the pool in the batch, echoed in the reply. */
  index: number;
  points: OwnedPoint[];
}

/** An outline worker thread's answer: the pool's outlines by rep id, or what was thrown. */
export type OutlineThreadReply = ThreadReply<Map<string, PolygonRings[]>>;
