import type { TravelModel } from '../routing/travelModel.js';
import type { TravelSettings } from '../territories/workload.js';

/**
 * Travel figures the app layer fetched before planning (a road network, see src/travel/): the
 * cycle stage sequences and times days on `model`; the territory stage, which balances on
 * estimates rather than matrices, uses `territorySettings` (speed and circuity calibrated on the
 * fetched road times) in place of the policy's. Absent from a plan context, both stages use the
 * policy's great-circle settings.
 */
export interface PlanTravel {
  model: TravelModel;
  territorySettings: TravelSettings;
}
