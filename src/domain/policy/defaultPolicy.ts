import type { Policy } from './policySchema.js';

/**
 * Default `day.departureFloatMinutes`: an hour covers the usual case, a night-venue rep starting
 * at 13:30 whose first venue opens at 14:00 (or a late-opening one at 14:30), while a rep whose
 * first stops are open anyway never moves.
 */
export const DEFAULT_DEPARTURE_FLOAT_MINUTES = 60;

/**
 * The reference practice's own words for its business formats (业态), next to the English types
 * in every default rule, so a region exported with Chinese business types segments like the
 * English one. The first word of each group is what `territory generate --lang zh` writes; the
 * others are common synonyms in retail licence registers and CRM exports. 烟酒商店 (tobacco &
 * liquor store) is tiered by volume like `tobacco_liquor_store`; 烟酒店 is the smaller shop.
 */
const ZH_LARGE_FORMATS = [
  '大型商超',
  '大卖场',
  '购物中心',
  '商场',
  '直营连锁店',
  '连锁店',
  '加油站',
  '大型烟酒店',
] as const;
const ZH_TOBACCO_LIQUOR_STORE = '烟酒商店';
const ZH_NIGHT_VENUES = [
  '夜总会',
  '酒吧',
  '歌厅',
  '娱乐场所',
  '宾馆',
  '酒店',
  '餐饮',
  '饭店',
  '餐馆',
] as const;
const ZH_MEDIUM_FORMATS = ['超市', '中小型超市', '便利店', ZH_TOBACCO_LIQUOR_STORE, '烟酒店'] as const;
const ZH_SMALL_FORMATS = ['食杂店', '杂货店', '小卖部', '兼营户', '报刊亭', '书报亭', '售货亭'] as const;

/**
 * The built-in policy: the reference practice of ../shared/domain.md. Business formats decide
 * most tiers; scale (volume) promotes big tobacco & liquor stores to large and high-value small
 * formats to medium, so that segmentation uses format, scale and customer value together. Every
 * rule names the English business types and their Chinese words (ZH_* above; `KTV` is already
 * `ktv` once lower-cased).
 */
export const DEFAULT_POLICY: Policy = {
  segmentation: {
    rules: [
      {
        id: 'large-formats',
        tier: 'large',
        businessTypes: ['hypermarket', 'shopping_mall', 'chain_store', 'petrol_station', ...ZH_LARGE_FORMATS],
        description:
          'Hypermarkets, malls, directly-run chain stores and petrol stations are core accounts (大型商超、购物中心、直营连锁店、加油站).',
      },
      {
        id: 'large-tobacco-liquor',
        tier: 'large',
        businessTypes: ['tobacco_liquor_store', ZH_TOBACCO_LIQUOR_STORE],
        minVolume: 600,
        description: 'Tobacco & liquor stores selling 600+ cartons a month are core accounts (烟酒商店).',
      },
      {
        id: 'night-venues',
        tier: 'night-venue',
        businessTypes: ['ktv', 'bar', 'club', 'hotel', 'restaurant', ...ZH_NIGHT_VENUES],
        description:
          'Entertainment venues, hotels and restaurants open late and get flexible visits (KTV、酒吧、夜总会、宾馆、餐饮).',
      },
      {
        id: 'medium-formats',
        tier: 'medium',
        businessTypes: [
          'supermarket',
          'convenience_store',
          'tobacco_liquor_store',
          'tobacco_liquor_shop',
          ...ZH_MEDIUM_FORMATS,
        ],
        description:
          'Small and mid-size supermarkets, convenience stores and tobacco & liquor shops (超市、便利店、烟酒商店、烟酒店).',
      },
      {
        id: 'small-high-value',
        tier: 'medium',
        businessTypes: ['grocery', 'side_seller', 'newsstand', 'kiosk', ...ZH_SMALL_FORMATS],
        minVolume: { percentile: 90 },
        description:
          'Small formats in the top 10% of the region by volume are treated as potential (medium).',
      },
      {
        id: 'small-formats',
        tier: 'small',
        businessTypes: ['grocery', 'side_seller', 'newsstand', 'kiosk', ...ZH_SMALL_FORMATS],
        description:
          'Grocery stalls, shops selling tobacco on the side, newsstands and kiosks (食杂店、兼营户、报刊亭、售货亭).',
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
    daySearchMoves: 60,
    starts: 8,
    startsOutletBudget: 200,
    resegmentMinSavingMinutes: 15,
    incrementalMaxChangeShare: 0.2,
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
  // Published CSVs start with a UTF-8 BOM so that Excel on Chinese Windows does not read them as GBK.
  csv: { bom: true },
  // Review thresholds of rebuilds (issue 11): above any, a rebuild becomes a candidate.
  review: { maxRepChangeShare: 0.03, maxWeekdayChangeShare: 0.1, maxPoolWorkingTime: 1.05 },
};
