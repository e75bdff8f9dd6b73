import { errorText } from '../i18n/warningText.js';
import { TravelConfigError, type TravelConfig } from '../config/travelConfig.js';
import type { Policy } from '../domain/policy/policySchema.js';
import { osrmProvider } from './osrmProvider.js';
import { pgroutingProvider } from './pgroutingProvider.js';
import type { RoadProvider } from './roadProvider.js';
import { valhallaProvider } from './valhallaProvider.js';

/** Each road provider's profile when the policy names none. */
export const DEFAULT_PROFILES = { pgrouting: 'car', osrm: 'driving', valhalla: 'auto' } as const;

/**
 * The road provider a policy's `travel.provider` names, configured from the environment; null
 * for `great-circle` (or no provider), which the domain computes itself. A road provider whose
 * URL variable is unset is a TravelConfigError naming the variable.
 */
export function createRoadProvider(travel: Policy['travel'], config: TravelConfig): RoadProvider | null {
  const name = travel.provider ?? 'great-circle';
  if (name === 'great-circle') return null;
  const profile = travel.profile ?? DEFAULT_PROFILES[name];
  const need = (url: string | null, key: string): string => {
    if (url === null)
      throw new TravelConfigError(errorText('error.travelConfig', { provider: name, key }), key);
    return url;
  };
  if (name === 'osrm') return osrmProvider({ url: need(config.osrmUrl, 'TRAVEL_OSRM_URL'), profile });
  if (name === 'valhalla')
    return valhallaProvider({ url: need(config.valhallaUrl, 'TRAVEL_VALHALLA_URL'), profile });
  return pgroutingProvider({
    url: need(config.pgroutingUrl, 'TRAVEL_PGROUTING_URL'),
    profile,
    table: config.pgroutingTable,
    timeoutMs: config.timeoutMs,
    connections: config.concurrency,
  });
}
