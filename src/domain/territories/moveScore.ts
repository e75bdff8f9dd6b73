import type { TerritoryState } from './territoryState.js';

/**
 * Weight of one neighbour-graph edge, in units of the typical unit cost, when a move is scored:
 * moving an outlet next to more of the receiving territory's outlets than of its own is worth
 * this much squared distance per edge. It pulls protruding outlets into the territory that
 * surrounds them (contiguity) without overriding compactness.
 */
export const CONTIGUITY_WEIGHT = 1.5;

/**
 * The typical unit cost of the current assignment: the load-weighted mean squared distance of
 * outlets to their territory's centre (km^2). Scores of different kinds (distance, contiguity,
 * churn) are expressed in this unit so their weights do not depend on the city's size.
 */
export function typicalUnitCost(state: TerritoryState): number {
  const { n, load } = state.problem;
  let sum = 0;
  let weight = 0;
  for (let i = 0; i < n; i++) {
    const w = load[i] as number;
    sum += w * Math.max(0, state.unitCost(i, state.repOf[i] as number));
    weight += w;
  }
  return weight > 0 && sum > 0 ? sum / weight : 1;
}

/**
 * Cost per unit load of moving outlet i from its rep to rep b (negative = improvement): the
 * change of unit cost plus the contiguity term (edges to b's outlets stop being cut, edges to the
 * current rep's outlets start being cut).
 */
export function moveCostPerUnit(state: TerritoryState, i: number, b: number, scale: number): number {
  const a = state.repOf[i] as number;
  const distance = state.unitCost(i, b) - state.unitCost(i, a);
  const cut = state.neighboursIn(i, a) - state.neighboursIn(i, b);
  return distance + CONTIGUITY_WEIGHT * scale * cut;
}
