/**
 * Other names the input columns go by. Users export their outlet and rep lists from whatever
 * system they have (a CRM, the licence register, a spreadsheet kept by hand), often with Chinese
 * headers (`客户编码`, `经度`, `业态`...) or English ones spelled differently (`Longitude`,
 * `Business Type`). Each table maps a canonical column name to the other names that mean it; the
 * README's alias table lists the same names (test/io/region/headerAliases.test.ts keeps them equal).
 * Names are compared after normalizeHeaderName, so case, full-width letters, spaces versus
 * underscores and a trailing unit in brackets (`月销量(条)`) do not matter.
 */

/** Other names of each outlets.csv column (the canonical name itself always matches). */
export const OUTLET_HEADER_ALIASES: Readonly<Record<string, readonly string[]>> = {
  id: [
    '编号',
    '客户编码',
    '客户编号',
    '客户代码',
    '许可证号',
    '专卖许可证号',
    'outlet_id',
    'customer_id',
    'customer_code',
    'shop_id',
    'code',
  ],
  name: ['名称', '客户名称', '店名', '店铺名称', '商户名称', 'outlet_name', 'customer_name', 'shop_name'],
  lon: ['经度', 'lng', 'long', 'longitude'],
  lat: ['纬度', 'latitude'],
  business_type: ['业态', '经营业态', '业态类型', '客户业态', 'type', 'format', 'business_format'],
  monthly_volume: ['月销量', '月均销量', '月销售量', 'volume', 'monthly_sales', 'sales_volume'],
  status: ['状态', '经营状态', '营业状态', 'outlet_status'],
  locked_rep: ['锁定客户经理', '固定客户经理', 'locked_rep_id', 'fixed_rep'],
  open_from: ['营业开始', '营业开始时间', '开门时间', 'opens', 'open_time', 'opening_time'],
  open_to: ['营业结束', '营业结束时间', '关门时间', 'closes', 'close_time', 'closing_time'],
  district: ['片区', '区域', '所属片区', 'area'],
  visit_frequency: ['拜访频次', '拜访频率', 'frequency'],
  service_minutes: ['服务时长', '拜访时长', '服务分钟', 'service_time', 'visit_minutes'],
};

/** Other names of each reps.csv column (the canonical name itself always matches). */
export const REP_HEADER_ALIASES: Readonly<Record<string, readonly string[]>> = {
  id: ['编号', '工号', '员工编号', '客户经理编号', 'rep_id', 'employee_id', 'staff_id', 'code'],
  name: ['姓名', '客户经理', '名称', 'rep_name', 'full_name'],
  tier: ['类别', '等级', '级别', '客户经理类别', 'level', 'grade', 'rep_tier'],
  home_lon: ['住址经度', '驻地经度', '经度', 'home_lng', 'home_longitude', 'lon', 'lng', 'longitude'],
  home_lat: ['住址纬度', '驻地纬度', '纬度', 'home_latitude', 'lat', 'latitude'],
  daily_minutes: ['每日工作分钟', '每日分钟', 'minutes_per_day', 'day_minutes'],
  working_days: ['工作日', 'work_days', 'workdays'],
  capacity: ['工作量系数', '出勤系数', 'fte'],
};

/** A trailing unit or note in brackets, ASCII or full-width: `月销量(条)`, `monthly_volume [cartons]`. */
const TRAILING_BRACKETS = /\s*[([（【][^)\]）】]*[)\]）】]\s*$/u;

/**
 * The form header names are compared in: Unicode NFKC (full-width `ＩＤ` and `（` become `ID` and
 * `(`), trimmed, lower-cased, a trailing bracketed unit dropped, and runs of spaces, hyphens and
 * dots read as one underscore, so `Business Type`, `business-type` and `business_type` are one
 * name, and so are `月销量（条）` and `月销量`. A name that is only a bracket keeps it.
 */
export function normalizeHeaderName(name: string): string {
  const folded = name.normalize('NFKC').trim().toLowerCase();
  const withoutUnit = folded.replace(TRAILING_BRACKETS, '');
  return (withoutUnit === '' ? folded : withoutUnit).replace(/[\s.-]+/g, '_');
}

/**
 * A lookup from normalised header name to canonical column, built from a column list and its
 * alias table. Throws when two columns claim one name (a mistake in the table, not in the input).
 */
export function aliasLookup(
  columns: readonly string[],
  aliases: Readonly<Record<string, readonly string[]>>,
): ReadonlyMap<string, string> {
  const lookup = new Map<string, string>();
  for (const column of columns) {
    for (const name of [column, ...(aliases[column] ?? [])]) {
      const key = normalizeHeaderName(name);
      const taken = lookup.get(key);
      if (taken !== undefined && taken !== column)
        throw new Error(`header alias "${name}" names both ${taken} and ${column}`);
      lookup.set(key, column);
    }
  }
  return lookup;
}
