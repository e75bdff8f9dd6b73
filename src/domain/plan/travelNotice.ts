import type { Plan } from './planTypes.js';

/**
 * The loud notice a plan carries when its road provider failed and `travel.fallback:
 * great-circle` planned it on straight lines instead (README "Road travel times"): one sentence
 * naming the provider and profile, for summary.json and the map.html banner; null for plans on
 * road times and for great-circle plans, which never asked a provider. The failure itself (the
 * provider's error) is in the plan's warnings.
 */
export function travelFallbackNotice(plan: Pick<Plan, 'travel'>): string | null {
  const travel = plan.travel;
  if (travel === undefined || !travel.fellBack) return null;
  return `Road travel provider ${travel.provider} (${travel.profile}) failed: this plan uses straight-line (great-circle) distances x ${travel.territorySettings.circuity} at ${travel.territorySettings.speedKmh} km/h, not road times (travel.fallback: great-circle). Re-plan when ${travel.provider} is back.`;
}
