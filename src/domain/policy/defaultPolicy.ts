import type { Policy } from './policySchema.js';

/**
 * Default `day.departureFloatMinutes`: an hour covers the usual case, a night-venue rep starting
 * at 13:30 whose first venue opens at 14:00 (or a late-opening one at 14:30), while a rep whose
 * first stops are open anyway never moves.
 */
export const DEFAULT_DEPARTURE_FLOAT_MINUTES = 60;

/**
 * The built-in policy: the reference practice of ../shared/domain.md. Business formats decide
 * most tiers; scale (volume) promotes big tobacco & liquor stores to large and high-value small
 * formats to medium, so that segmentation uses format, scale and customer value together.
 */
export const DEFAULT_POLICY: Policy = {
  segmentation: {
    rules: [
      {
        id: 'large-formats',
        tier: 'large',
        businessTypes: ['hypermarket', 'shopping_mall', 'chain_store', 'petrol_station'],
        description: 'Hypermarkets, malls, directly-run chain stores and petrol stations are core accounts.',
      },
      {
        id: 'large-tobacco-liquor',
        tier: 'large',
        businessTypes: ['tobacco_liquor_store'],
        minVolume: 600,
        description: 'Tobacco & liquor stores selling 600+ cartons a month are core accounts.',
      },
      {
        id: 'night-venues',
        tier: 'night-venue',
        businessTypes: ['ktv', 'bar', 'club', 'hotel', 'restaurant'],
        description: 'Entertainment venues, hotels and restaurants open late and get flexible visits.',
      },
      {
        id: 'medium-formats',
        tier: 'medium',
        businessTypes: ['supermarket', 'convenience_store', 'tobacco_liquor_store', 'tobacco_liquor_shop'],
        description: 'Small and mid-size supermarkets, convenience stores and tobacco & liquor shops.',
      },
      {
        id: 'small-high-value',
        tier: 'medium',
        businessTypes: ['grocery', 'side_seller', 'newsstand', 'kiosk'],
        minVolume: { percentile: 90 },
        description:
          'Small formats in the top 10% of the region by volume are treated as potential (medium).',
      },
      {
        id: 'small-formats',
        tier: 'small',
        businessTypes: ['grocery', 'side_seller', 'newsstand', 'kiosk'],
        description: 'Grocery stalls, shops selling tobacco on the side, newsstands and kiosks.',
      },
    ],
    defaultTier: 'small',
    hysteresis: 0.1,
  },
  pools: [
    { id: 'A', repTiers: ['A'], outletTiers: ['large'], fallback: ['B', 'C'] },
    { id: 'B', repTiers: ['B'], outletTiers: ['night-venue'], fallback: ['A', 'C'] },
    { id: 'C', repTiers: ['C'], outletTiers: ['medium'], fallback: ['D', 'B'] },
    { id: 'D', repTiers: ['D'], outletTiers: ['small'], fallback: ['C'] },
  ],
  visits: {
    large: {
      frequency: 'twice-weekly',
      serviceMinutes: 12,
      timeWindow: null,
      method:
        'three-level visits: the rep twice a week; market manager and department head at their own cadence',
    },
    'night-venue': {
      frequency: 'weekly',
      serviceMinutes: 15,
      timeWindow: { from: '14:00', to: '22:00' },
      method: 'flexible visits in the afternoon/evening opening window',
    },
    medium: {
      frequency: 'weekly',
      serviceMinutes: 12,
      timeWindow: null,
      method: 'growth-focused regular visits',
    },
    small: {
      frequency: 'every-2-weeks',
      serviceMinutes: 10,
      timeWindow: null,
      method: 'basic visits and coaching',
    },
  },
  cycle: {
    weeks: 4,
    weekdays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
    dayBalanceWeight: 1,
    daySearchMoves: 30,
    starts: 8,
    startsOutletBudget: 200,
    resegmentMinSavingMinutes: 15,
  },
  day: {
    startTime: '08:30',
    budgetMinutes: 480,
    departureFloatMinutes: DEFAULT_DEPARTURE_FLOAT_MINUTES,
    // A reps carry the heaviest visit load (the reference district's 76 large outlets twice a
    // week are ~30 visits and ~480 minutes a day on average), so their day is 8.5 h; B reps
    // start after lunch because night venues only open in the afternoon.
    byRepTier: { A: { budgetMinutes: 510 }, B: { startTime: '13:30' } },
  },
  travel: { speedKmh: 25, circuity: 1.35 },
  territories: {
    balanceTolerance: 0.03,
    homeWeight: 0,
    homeMatching: 'total',
    maxCommuteKm: 15,
    movedOutletKm: 0.5,
    starts: 8,
    startsOutletBudget: 1500,
    startsEvaluation: 'estimate',
    routeAware: true,
  },
  input: { outlierMinKm: 50, outlierFactor: 4, outlierNeighbours: 5, encoding: 'auto' },
  // Review thresholds of rebuilds (issue 11): above any, a rebuild becomes a candidate.
  review: { maxRepChangeShare: 0.03, maxWeekdayChangeShare: 0.1, maxPoolWorkingTime: 1.05 },
};
