/**
 * The words synthetic outlet and rep names are made of, each in English and Chinese. The two
 * lists are parallel (the same index is the same word), so a name drawn with the same random
 * numbers reads "Wang's Grocery" in an English region and "王记食杂店" in a Chinese one: the
 * language changes what is written, never which random numbers are drawn (see outletNames.ts).
 * Within a list every word is distinct in both languages.
 */

/** The languages a synthetic region can be written in (`territory generate --lang`). */
export const REGION_LANGUAGES = ['en', 'zh'] as const;
export type RegionLanguage = (typeof REGION_LANGUAGES)[number];

/** One word in both languages. */
export interface Word {
  en: string;
  zh: string;
}

/** Builds a word list from `[english, chinese]` pairs. */
function words(pairs: ReadonlyArray<readonly [string, string]>): readonly Word[] {
  return pairs.map(([en, zh]) => ({ en, zh }));
}

export const SURNAMES = words([
  ['Wang', '王'],
  ['Li', '李'],
  ['Zhang', '张'],
  ['Liu', '刘'],
  ['Chen', '陈'],
  ['Yang', '杨'],
  ['Zhao', '赵'],
  ['Huang', '黄'],
  ['Zhou', '周'],
  ['Wu', '吴'],
  ['Xu', '徐'],
  ['Sun', '孙'],
  ['Ma', '马'],
  ['Zhu', '朱'],
  ['Hu', '胡'],
  ['Guo', '郭'],
  ['He', '何'],
  ['Gao', '高'],
  ['Lin', '林'],
  ['Luo', '罗'],
  ['Zheng', '郑'],
  ['Liang', '梁'],
  ['Song', '宋'],
  ['Tang', '唐'],
  ['Han', '韩'],
  ['Feng', '冯'],
  ['Deng', '邓'],
  ['Cao', '曹'],
  ['Peng', '彭'],
  ['Qu', '曲'],
]);
export const GIVEN_NAMES = words([
  ['Wei', '伟'],
  ['Fang', '芳'],
  ['Na', '娜'],
  ['Min', '敏'],
  ['Jing', '静'],
  ['Lei', '磊'],
  ['Qiang', '强'],
  ['Yan', '燕'],
  ['Jun', '军'],
  ['Tao', '涛'],
  ['Hui', '慧'],
  ['Ping', '平'],
  ['Gang', '刚'],
  ['Xia', '霞'],
  ['Hao', '浩'],
  ['Lin', '琳'],
  ['Bo', '波'],
  ['Yu', '宇'],
  ['Chao', '超'],
  ['Rui', '瑞'],
]);
/** Street names of the Kuiwen district (Weifang); written `<name> Rd` / `<name>路`. */
export const STREETS = words([
  ['Dongfeng', '东风'],
  ['Shengli', '胜利'],
  ['Beihai', '北海'],
  ['Fushou', '福寿'],
  ['Weizhou', '潍州'],
  ['Yuqing', '玉清'],
  ['Xinhua', '新华'],
  ['Heping', '和平'],
  ['Minsheng', '民生'],
  ['Qingnian', '青年'],
  ['Zhongxin', '中心'],
  ['Baotong', '宝通'],
  ['Huixian', '惠贤'],
  ['Gaoxin', '高新'],
  ['Hanting', '寒亭'],
  ['Fengming', '凤鸣'],
]);
export const BRANDS = words([
  ['Jiahe', '佳和'],
  ['Lihua', '利华'],
  ['Haiyue', '海悦'],
  ['Dongfang', '东方'],
  ['Baili', '百利'],
  ['Fuhua', '富华'],
  ['Jinding', '金鼎'],
  ['Hengxin', '恒信'],
  ['Ruyi', '如意'],
  ['Tianhe', '天和'],
]);
export const CHAINS = words([
  ['Easy Joy', '易佳'],
  ['Lucky Mart', '福满多'],
  ['Sunrise Mart', '旭日'],
  ['Hometown', '家乡'],
  ['Daily Fresh', '每日鲜'],
  ['Good Neighbour', '好邻居'],
]);
export const FUEL = words([
  ['Eastern Fuel', '东方石油'],
  ['Shandong Petro', '山东石化'],
  ['Blue Sky Energy', '蓝天能源'],
  ['Coastal Oil', '滨海石油'],
]);
export const NIGHT_WORDS = words([
  ['Nightlight', '夜光'],
  ['Golden Voice', '金嗓子'],
  ['Melody', '旋律'],
  ['Starry', '星空'],
  ['Moonlight', '月光'],
  ['Crystal', '水晶'],
  ['Neon', '霓虹'],
  ['Velvet', '丝绒'],
  ['Echo', '回声'],
]);
export const BAR_WORDS = words([
  ['Blue Moon', '蓝月亮'],
  ['Anchor', '铁锚'],
  ['Harbour', '港湾'],
  ['Old Tree', '老树'],
  ['Lantern', '灯笼'],
  ['Copper', '青铜'],
  ['Red Door', '红门'],
  ['Hops', '麦芽'],
]);
export const DISHES = words([
  ['Noodles', '面馆'],
  ['Dumplings', '水饺'],
  ['Hot Pot', '火锅'],
  ['Seafood', '海鲜'],
  ['Barbecue', '烧烤'],
  ['Porridge', '粥铺'],
  ['Home Kitchen', '家常菜'],
  ['Lamb Soup', '羊肉汤'],
]);
export const HOTEL_WORDS = words([
  ['Golden Harbour', '金港'],
  ['Garden', '花园'],
  ['Jade', '翡翠'],
  ['Grand', '富豪'],
  ['Pearl', '明珠'],
  ['Lakeside', '湖畔'],
  ['Century', '世纪'],
  ['Orient', '东方'],
]);
export const STALLS = words([
  ['Fruit Stall', '水果摊'],
  ['Hardware', '五金店'],
  ['Tea Shop', '茶叶店'],
  ['Pharmacy Corner', '药店'],
  ['Phone Shop', '手机店'],
  ['Barber & Sundries', '理发店'],
]);
export const MALL_WORDS = words([
  ['Plaza', '广场'],
  ['Shopping Mall', '购物中心'],
  ['Centre', '商城'],
]);

/** Chinese names of known place names (`--name`); any other place is written as given. */
const PLACE_NAMES_ZH: Readonly<Record<string, string>> = { kuiwen: '奎文' };

/** A place name in both languages: `kuiwen` -> Kuiwen / 奎文. */
export function placeWord(english: string): Word {
  return { en: english, zh: PLACE_NAMES_ZH[english.toLowerCase()] ?? english };
}

/**
 * The business types in Chinese, as the reference practice names its formats (业态); each is
 * among DEFAULT_POLICY's words for the rule of its English type, so a Chinese region segments
 * exactly like the English one (`KTV` is `ktv` once the loader lower-cases it).
 */
export const BUSINESS_TYPES_ZH: Readonly<Record<string, string>> = {
  hypermarket: '大型商超',
  shopping_mall: '购物中心',
  chain_store: '直营连锁店',
  petrol_station: '加油站',
  tobacco_liquor_store: '烟酒商店',
  restaurant: '餐饮',
  hotel: '宾馆',
  ktv: 'KTV',
  bar: '酒吧',
  club: '夜总会',
  supermarket: '超市',
  convenience_store: '便利店',
  tobacco_liquor_shop: '烟酒店',
  grocery: '食杂店',
  side_seller: '兼营户',
  newsstand: '报刊亭',
  kiosk: '售货亭',
};
