import type { Plan } from '../domain/plan/planTypes.js';

/**
 * Drops the day routes of every rep and the visit lists of every outlet from `previous`, in
 * place, once the cycle stage no longer needs them: the publish compares the new plan against
 * the previous one only by outlet (rep, tier, pattern, position) and by rep (capacity, home), and
 * the day routes are most of a plan's memory (at 500,000 outlets the previous plan's alone are
 * gigabytes). Only for a plan this run read itself and nobody else holds; the new plan keeps the
 * day routes it took over from it (they are its own references, not properties of `previous`).
 */
export function releaseCycleDetail(previous: Plan): void {
  for (const rep of previous.reps) delete rep.days;
  for (const outlet of previous.outlets) delete outlet.visits;
}
