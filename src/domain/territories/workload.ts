/**
 * The workload model territories are balanced on: service time plus an estimate of the travel an
 * outlet causes, plus each rep's daily trip between home and territory.
 *
 * Travel inside a territory follows the Beardwood-Halton-Hammersley law: an optimal tour through
 * n points spread over an area A is about 0.7124 * sqrt(n * A) long, i.e. 0.7124 * sqrt(A / n)
 * per stop. A day visits the outlets of one part of the territory, so the stop spacing of a day
 * is the local outlet spacing; we estimate it per outlet from the distance to its k-th nearest
 * same-pool neighbour (k points in a disc of radius r: A / n = pi r^2 / k). This makes an
 * outlet's travel share independent of who serves it, so outlet loads are fixed numbers and
 * balancing is a monotone, additive problem (moving an outlet moves exactly its load).
 *
 * The out-and-back (home to the day's area and back) depends on where the territory lies: it is
 * 2 x distance(home, territory centroid) x circuity per trip, and a rep makes one trip on each
 * day its visits need (tripsPerCycle), not on every working day: an empty territory costs
 * nothing, a one-outlet territory one trip per visit, and a full territory one trip per working
 * day. Charging every working day let one remote outlet cost a full-time commute, so the balance
 * repair starved reps of outlets. It is part of the rep's load and target, so a territory far
 * from its rep's base gets fewer outlets.
 */

/** Beardwood-Halton-Hammersley constant for the Euclidean TSP in the plane. */
export const BHH_CONSTANT = 0.7124;

/** Neighbours used to estimate local outlet density. */
export const DENSITY_NEIGHBOURS = 5;

/** Travel speed and road circuity, as in the policy's `travel` section. */
export interface TravelSettings {
  speedKmh: number;
  circuity: number;
}

/** Road minutes per straight-line km. */
export function minutesPerStraightKm(travel: TravelSettings): number {
  return (travel.circuity * 60) / travel.speedKmh;
}

/**
 * Estimated travel minutes a single visit to an outlet causes: the BHH per-stop tour length for
 * the local density measured by the distance to the outlet's `k`-th nearest neighbour, as road
 * minutes. Returns 0 when the outlet has no neighbour (a pool of one outlet: only the
 * out-and-back remains).
 */
export function travelMinutesPerVisit(kthNeighbourKm: number, k: number, travel: TravelSettings): number {
  if (!Number.isFinite(kthNeighbourKm) || k < 1) return 0;
  const areaPerStopKm2 = (Math.PI * kthNeighbourKm * kthNeighbourKm) / k;
  return BHH_CONSTANT * Math.sqrt(areaPerStopKm2) * minutesPerStraightKm(travel);
}

/**
 * An outlet's load per cycle in minutes: visits x (service minutes + travel minutes per visit).
 */
export function outletLoadMinutes(
  visitsPerCycle: number,
  serviceMinutes: number,
  travelPerVisit: number,
): number {
  return visitsPerCycle * (serviceMinutes + travelPerVisit);
}

/**
 * Days per cycle on which a rep must go out to its territory, as the cycle stage will plan them:
 * at least the visits of its most-visited outlet (visits of the same outlet fall on different
 * days) and, estimated from the territory's total visits, no more than it has visits; at least
 * the days its load needs at `dayMinutes` per day; never more than `workingDays`. 0 for an
 * empty territory. Continuous, so balancing sees a smooth cost.
 */
export function tripsPerCycle(
  workingDays: number,
  outletLoadMinutes: number,
  totalVisits: number,
  maxVisitsPerOutlet: number,
  dayMinutes: number,
): number {
  if (totalVisits <= 0) return 0;
  const byVisits = Math.min(totalVisits, Math.max(maxVisitsPerOutlet, 1));
  const byLoad = dayMinutes > 0 ? outletLoadMinutes / dayMinutes : workingDays;
  return Math.min(workingDays, Math.max(byVisits, byLoad));
}

/**
 * A rep's out-and-back minutes per cycle: one round trip per trip day (see tripsPerCycle) between
 * home and the territory's centroid (`distanceKm` straight-line), over `workingDays` trips.
 */
export function outAndBackMinutes(distanceKm: number, workingDays: number, travel: TravelSettings): number {
  return 2 * distanceKm * workingDays * minutesPerStraightKm(travel);
}
