import { describe, expect, it } from 'vitest';
import { parseClockTime } from '../../../src/io/region/parseClockTime.js';
import { parseWorkingDays } from '../../../src/io/region/parseWorkingDays.js';
import { parseFrequencyName, parseRepTier, parseStatus } from '../../../src/io/region/valueAliases.js';

describe('enumerated values in Chinese', () => {
  it('reads outlet statuses', () => {
    for (const text of ['active', 'ACTIVE', '营业', '正常', ' 在营 '])
      expect(parseStatus(text), text).toBe('active');
    for (const text of ['closed', '停业', '注销', '歇业', '已注销'])
      expect(parseStatus(text), text).toBe('closed');
    for (const text of ['open', '未知', '营']) expect(parseStatus(text), text).toBeNull();
  });

  it('reads rep tiers with 类 / 级 and full-width letters', () => {
    expect(['A', 'b', 'C类', 'D级', 'Ａ类', 'c 类'].map(parseRepTier)).toEqual([
      'A',
      'B',
      'C',
      'D',
      'A',
      'C',
    ]);
    for (const text of ['E', 'AB', '类', 'A类类', '甲']) expect(parseRepTier(text), text).toBeNull();
  });

  it('reads visit frequencies', () => {
    expect(parseFrequencyName('Every 2 Weeks')).toBe('every-2-weeks');
    expect(parseFrequencyName('twice_weekly')).toBe('twice-weekly');
    expect(parseFrequencyName('每周两次')).toBe('twice-weekly');
    expect(parseFrequencyName('每周一次')).toBe('weekly');
    expect(parseFrequencyName('隔周')).toBe('every-2-weeks');
    expect(parseFrequencyName('每月')).toBe('every-4-weeks');
    expect(parseFrequencyName('每天')).toBeNull();
  });

  it('reads Chinese weekday lists and ranges', () => {
    expect(parseWorkingDays('周一至周五')).toEqual(['Mon', 'Tue', 'Wed', 'Thu', 'Fri']);
    expect(parseWorkingDays('星期一、星期三、星期五')).toEqual(['Mon', 'Wed', 'Fri']);
    expect(parseWorkingDays('周六－周日')).toEqual(['Sat', 'Sun']);
    expect(parseWorkingDays('周五到周一')).toEqual(['Mon', 'Fri', 'Sat', 'Sun']);
    expect(parseWorkingDays('周一，周二；礼拜天')).toEqual(['Mon', 'Tue', 'Sun']);
    expect(parseWorkingDays('周八')).toBeNull();
  });

  it('reads full-width clock times', () => {
    expect(parseClockTime('８：３０')).toBe(510);
  });
});
