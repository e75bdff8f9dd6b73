/** Route sequencing: the TSP core and day routes with time windows. */
export { solveTsp, tourLength, type SolveTspOptions, type TspSolution } from './solveTsp.js';
export {
  sequenceDayRoute,
  type DayStop,
  type SequenceDayRouteInput,
  type SequencedDayRoute,
} from './sequenceDayRoute.js';
export { evaluateDaySchedule, type DaySchedule } from './daySchedule.js';
export {
  DenseTravelMatrix,
  greatCircleTravelModel,
  type TravelMatrix,
  type TravelModel,
} from './travelModel.js';
