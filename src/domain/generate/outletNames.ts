import type { Random } from '../random.js';
import {
  BAR_WORDS,
  BRANDS,
  CHAINS,
  DISHES,
  FUEL,
  GIVEN_NAMES,
  HOTEL_WORDS,
  MALL_WORDS,
  NIGHT_WORDS,
  placeWord,
  STALLS,
  STREETS,
  SURNAMES,
  type RegionLanguage,
  type Word,
} from './nameWords.js';

/**
 * Plausible outlet and rep names for synthetic regions: the kind of shop signs found in a Chinese
 * district, in English renderings or in Chinese (nameWords.ts); a few contain a comma or double
 * quotes on purpose so that CSV quoting is exercised by the sample data.
 */

function pick<T>(rng: Random, items: readonly T[]): T {
  return items[rng.int(items.length)] as T;
}

/** What a business type's sign is made from: the draw, the language and the words drawn for every sign. */
interface SignContext {
  rng: Random;
  zh: boolean;
  say: (word: Word) => string;
  /** The street of the outlet, `Dongfeng Rd` / `东风路`. */
  street: string;
  place: Word;
}

/** A sign drawn from the words of its business type; each one draws the same numbers in both languages. */
type SignMaker = (c: SignContext) => string;

/** Draws a word and says it in the region's language. */
const draw = (c: SignContext, words: readonly Word[]): string => c.say(pick(c.rng, words));

const SIGNS: Readonly<Record<string, SignMaker>> = {
  hypermarket: (c) => {
    const brand = draw(c, [c.place, ...BRANDS]);
    return c.zh ? `${brand}大卖场` : `${brand} Hypermarket`;
  },
  shopping_mall: (c) => {
    const brand = draw(c, [c.place, ...BRANDS]);
    const kind = draw(c, MALL_WORDS);
    return c.zh ? `${brand}${kind}` : `${brand} ${kind}`;
  },
  chain_store: (c) => {
    const chain = draw(c, CHAINS);
    return c.zh ? `${chain}${c.street}店` : `${chain} ${c.street}`;
  },
  petrol_station: (c) => {
    const fuel = draw(c, FUEL);
    return c.zh ? `${fuel}加油站` : `${fuel} Station`;
  },
  tobacco_liquor_store: (c) => {
    const brand = draw(c, [...BRANDS, c.place]);
    return c.zh ? `${brand}烟酒商行` : `${brand} Tobacco & Liquor`;
  },
  tobacco_liquor_shop: (c) => {
    const surname = draw(c, SURNAMES);
    return c.zh ? `${surname}记烟酒店` : `${surname}'s Tobacco Shop`;
  },
  ktv: (c) => {
    const word = draw(c, NIGHT_WORDS);
    return c.zh ? `${word}KTV` : `${word} KTV`;
  },
  bar: (c) => {
    // A few bar names hold double quotes, so the sample exercises CSV quoting.
    const quoted = c.rng.next() < 0.1;
    const word = draw(c, BAR_WORDS);
    if (c.zh) return quoted ? `"${word}"酒吧` : `${word}酒吧`;
    return quoted ? `The "${word}" Bar` : `${word} Bar`;
  },
  club: (c) => {
    const word = draw(c, NIGHT_WORDS);
    return c.zh ? `${word}夜总会` : `${word} Club`;
  },
  hotel: (c) => {
    const word = draw(c, HOTEL_WORDS);
    return c.zh ? `${word}宾馆` : `${word} Hotel`;
  },
  restaurant: (c) => {
    // A few restaurant names hold a comma (the street of the branch): CSV quoting again.
    const withStreet = c.rng.next() < 0.1;
    const surname = draw(c, SURNAMES);
    const dish = draw(c, DISHES);
    const name = c.zh ? `${surname}记${dish}` : `${surname}'s ${dish}`;
    if (!withStreet) return name;
    return c.zh ? `${name},${c.street}店` : `${name}, ${c.street}`;
  },
  supermarket: (c) => {
    const brand = draw(c, [...BRANDS, c.place]);
    return c.zh ? `${brand}超市` : `${brand} Supermarket`;
  },
  convenience_store: (c) => {
    const chain = draw(c, CHAINS);
    return c.zh ? `${chain}便利店` : `${chain} Convenience`;
  },
  grocery: (c) => {
    const surname = draw(c, SURNAMES);
    return c.zh ? `${surname}记食杂店` : `${surname}'s Grocery`;
  },
  side_seller: (c) => {
    const surname = draw(c, SURNAMES);
    const stall = draw(c, STALLS);
    return c.zh ? `${surname}记${stall}` : `${surname}'s ${stall}`;
  },
  newsstand: (c) => (c.zh ? `${c.street}报刊亭` : `${c.street} Newsstand`),
  kiosk: (c) => (c.zh ? `${c.street}售货亭` : `${c.street} Kiosk`),
};

/** Any other business type: the owner's shop. */
const DEFAULT_SIGN: SignMaker = (c) => {
  const surname = draw(c, SURNAMES);
  return c.zh ? `${surname}记商店` : `${surname}'s Shop`;
};

function baseName(businessType: string, place: Word, rng: Random, lang: RegionLanguage): string {
  const zh = lang === 'zh';
  // Drawn for every type, as it always was, so a sign never shifts the random numbers after it.
  const streetWord = pick(rng, STREETS);
  const street = zh ? `${streetWord.zh}路` : `${streetWord.en} Rd`;
  const sign = SIGNS[businessType] ?? DEFAULT_SIGN;
  return sign({ rng, zh, say: (word) => word[lang], street, place });
}

/** Hands out outlet names, numbering repeats ("Melody KTV", "Melody KTV 2", ...) so names stay unique. */
export interface OutletNamer {
  next(businessType: string, rng: Random): string;
}

/**
 * Creates a namer for a region whose place name (e.g. `Kuiwen`, 奎文) appears in some shop signs,
 * writing names in `lang`. Deterministic for a given random source, and the random numbers it
 * draws do not depend on the language; every returned name is unique within the namer (a repeat
 * is numbered: `Melody KTV 2`, `旋律KTV（2）`).
 */
export function createOutletNamer(place: string, lang: RegionLanguage = 'en'): OutletNamer {
  const seen = new Map<string, number>();
  const placeName = placeWord(place);
  return {
    next(businessType, rng) {
      const base = baseName(businessType, placeName, rng, lang);
      const count = (seen.get(base) ?? 0) + 1;
      seen.set(base, count);
      if (count === 1) return base;
      return lang === 'zh' ? `${base}（${count}）` : `${base} ${count}`;
    },
  };
}

/**
 * A plausible person's name for a rep in both languages (surname first, as on a Chinese staff
 * list): `Wang Wei` / `王伟`. Both forms come from the same draw.
 */
export function repName(rng: Random): Word {
  const surname = pick(rng, SURNAMES);
  const given = pick(rng, GIVEN_NAMES);
  return { en: `${surname.en} ${given.en}`, zh: `${surname.zh}${given.zh}` };
}
