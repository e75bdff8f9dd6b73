import { describe, expect, test } from 'vitest';
import { localiseWarning } from '../../src/i18n/localiseWarning.js';
import { warningText } from '../../src/i18n/warningText.js';

describe('review reasons (why a rebuild is a candidate) in the report language', () => {
  const rep = warningText('warning.review.repShare', { share: '4%', moved: 4, outlets: 100, limit: '3%' });
  const pool = warningText('warning.review.poolTime', {
    pool: 'B',
    share: '104.3%',
    planned: 330279,
    available: 316800,
    limit: '100%',
  });
  const reason = warningText('warning.review.exceeds', { breaches: [rep, pool].join('; ') });

  test('the English text is the one the audit log and job results have always held', () => {
    expect(reason).toBe(
      'rebuild exceeds the review thresholds: 4% of outlets change rep (4 of 100), above review.maxRepChangeShare 3%; pool B needs 104.3% of its working time (330279 of 316800 minutes), above review.maxPoolWorkingTime 100%',
    );
  });

  test('zh-CN words the reason and every breach, keeping the figures and policy keys', () => {
    const zh = localiseWarning(reason, 'zh-CN');
    expect(zh).toBe(
      '重建超出审核阈值：4% 的客户更换客户经理（100 家中 4 家），超过 review.maxRepChangeShare 3%；服务池 B 需要其工作时间的 104.3%（316800 分钟中的 330279 分钟），超过 review.maxPoolWorkingTime 100%',
    );
    expect(localiseWarning(warningText('warning.review.candidateMode', { mode: 'resegment' }), 'zh-CN')).toBe(
      'resegment 计划须经经理批准后才生效（territory approve；--publish 直接发布）',
    );
  });
});
