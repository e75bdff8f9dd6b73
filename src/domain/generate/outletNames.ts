import type { Random } from '../random.js';

/**
 * Plausible outlet and rep names for synthetic regions. Names are English renderings of the kind
 * of shop signs found in a Chinese district; a few contain a comma or double quotes on purpose so
 * that CSV quoting is exercised by the sample data.
 */

const SURNAMES = [
  'Wang',
  'Li',
  'Zhang',
  'Liu',
  'Chen',
  'Yang',
  'Zhao',
  'Huang',
  'Zhou',
  'Wu',
  'Xu',
  'Sun',
  'Ma',
  'Zhu',
  'Hu',
  'Guo',
  'He',
  'Gao',
  'Lin',
  'Luo',
  'Zheng',
  'Liang',
  'Song',
  'Tang',
  'Han',
  'Feng',
  'Deng',
  'Cao',
  'Peng',
  'Qu',
];
const GIVEN_NAMES = [
  'Wei',
  'Fang',
  'Na',
  'Min',
  'Jing',
  'Lei',
  'Qiang',
  'Yan',
  'Jun',
  'Tao',
  'Hui',
  'Ping',
  'Gang',
  'Xia',
  'Hao',
  'Lin',
  'Bo',
  'Yu',
  'Chao',
  'Rui',
];
const STREETS = [
  'Dongfeng',
  'Shengli',
  'Beihai',
  'Fushou',
  'Weizhou',
  'Yuqing',
  'Xinhua',
  'Heping',
  'Minsheng',
  'Qingnian',
  'Zhongxin',
  'Baotong',
  'Huixian',
  'Gaoxin',
  'Hanting',
  'Fengming',
];
const BRANDS = [
  'Jiahe',
  'Lihua',
  'Haiyue',
  'Dongfang',
  'Baili',
  'Fuhua',
  'Jinding',
  'Hengxin',
  'Ruyi',
  'Tianhe',
];
const CHAINS = ['Easy Joy', 'Lucky Mart', 'Sunrise Mart', 'Hometown', 'Daily Fresh', 'Good Neighbour'];
const FUEL = ['Eastern Fuel', 'Shandong Petro', 'Blue Sky Energy', 'Coastal Oil'];
const NIGHT_WORDS = [
  'Nightlight',
  'Golden Voice',
  'Melody',
  'Starry',
  'Moonlight',
  'Crystal',
  'Neon',
  'Velvet',
  'Echo',
];
const BAR_WORDS = ['Blue Moon', 'Anchor', 'Harbour', 'Old Tree', 'Lantern', 'Copper', 'Red Door', 'Hops'];
const DISHES = [
  'Noodles',
  'Dumplings',
  'Hot Pot',
  'Seafood',
  'Barbecue',
  'Porridge',
  'Home Kitchen',
  'Lamb Soup',
];
const HOTEL_WORDS = ['Golden Harbour', 'Garden', 'Jade', 'Grand', 'Pearl', 'Lakeside', 'Century', 'Orient'];
const STALLS = ['Fruit Stall', 'Hardware', 'Tea Shop', 'Pharmacy Corner', 'Phone Shop', 'Barber & Sundries'];

function pick<T>(rng: Random, items: readonly T[]): T {
  return items[rng.int(items.length)] as T;
}

function baseName(businessType: string, place: string, rng: Random): string {
  const street = `${pick(rng, STREETS)} Rd`;
  switch (businessType) {
    case 'hypermarket':
      return `${pick(rng, [place, ...BRANDS])} Hypermarket`;
    case 'shopping_mall':
      return `${pick(rng, [place, ...BRANDS])} ${pick(rng, ['Plaza', 'Shopping Mall', 'Centre'])}`;
    case 'chain_store':
      return `${pick(rng, CHAINS)} ${street}`;
    case 'petrol_station':
      return `${pick(rng, FUEL)} Station`;
    case 'tobacco_liquor_store':
      return `${pick(rng, [...BRANDS, place])} Tobacco & Liquor`;
    case 'tobacco_liquor_shop':
      return `${pick(rng, SURNAMES)}'s Tobacco Shop`;
    case 'ktv':
      return `${pick(rng, NIGHT_WORDS)} KTV`;
    case 'bar':
      return rng.next() < 0.1 ? `The "${pick(rng, BAR_WORDS)}" Bar` : `${pick(rng, BAR_WORDS)} Bar`;
    case 'club':
      return `${pick(rng, NIGHT_WORDS)} Club`;
    case 'hotel':
      return `${pick(rng, HOTEL_WORDS)} Hotel`;
    case 'restaurant':
      return rng.next() < 0.1
        ? `${pick(rng, SURNAMES)}'s ${pick(rng, DISHES)}, ${street}`
        : `${pick(rng, SURNAMES)}'s ${pick(rng, DISHES)}`;
    case 'supermarket':
      return `${pick(rng, [...BRANDS, place])} Supermarket`;
    case 'convenience_store':
      return `${pick(rng, CHAINS)} Convenience`;
    case 'grocery':
      return `${pick(rng, SURNAMES)}'s Grocery`;
    case 'side_seller':
      return `${pick(rng, SURNAMES)}'s ${pick(rng, STALLS)}`;
    case 'newsstand':
      return `${street} Newsstand`;
    case 'kiosk':
      return `${street} Kiosk`;
    default:
      return `${pick(rng, SURNAMES)}'s Shop`;
  }
}

/** Hands out outlet names, numbering repeats ("Melody KTV", "Melody KTV 2", ...) so names stay unique. */
export interface OutletNamer {
  next(businessType: string, rng: Random): string;
}

/**
 * Creates a namer for a region whose place name (e.g. `Kuiwen`) appears in some shop signs.
 * Deterministic for a given random source; every returned name is unique within the namer.
 */
export function createOutletNamer(place: string): OutletNamer {
  const seen = new Map<string, number>();
  return {
    next(businessType, rng) {
      const base = baseName(businessType, place, rng);
      const count = (seen.get(base) ?? 0) + 1;
      seen.set(base, count);
      return count === 1 ? base : `${base} ${count}`;
    },
  };
}

/** A plausible person's name for a rep (surname first, as on a Chinese staff list). */
export function repName(rng: Random): string {
  return `${pick(rng, SURNAMES)} ${pick(rng, GIVEN_NAMES)}`;
}
