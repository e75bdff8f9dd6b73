/**
 * The CLI's error line for a publish-gate refusal and a road travel failure in the report
 * language (issue 13 item 3): the messages are rendered from `error.*` templates, so `--json`
 * and the logs keep the English text while localiseError words them in Chinese.
 */
import { describe, expect, it } from 'vitest';
import { localiseError } from '../../src/i18n/localiseWarning.js';
import { PublishGateError } from '../../src/io/publish/publishGateError.js';
import { TravelOutageError, TravelRequestError } from '../../src/travel/travelErrors.js';

describe('publish gate and travel error lines', () => {
  it('keep the English message and word it in Chinese, the gate problems as written', () => {
    const problems = Array.from({ length: 14 }, (_, i) => `outlet o${i} has no rep`);
    const gate = new PublishGateError('north', problems);
    expect(gate.message.split('\n')[0]).toBe(
      'plan of region north not published: it failed the publish gate',
    );
    expect(gate.message.split('\n').at(-1)).toBe('  ... 2 more lines');
    const zh = localiseError(gate.message, 'zh-CN').split('\n');
    expect(zh[0]).toBe('片区 north 的计划未发布：未通过发布检查');
    expect(zh[1]).toBe('  - outlet o0 has no rep');
    expect(zh.at(-1)).toBe('  …… 另有 2 行');
    expect(localiseError(gate.message, 'en')).toBe(gate.message);

    const context = { provider: 'osrm', endpoint: 'http://osrm:5000', block: 'block 3 (100x80)' };
    const timeout = new TravelOutageError(context, 'no answer within the timeout (TRAVEL_TIMEOUT_MS)');
    expect(timeout.message).toBe(
      'travel provider osrm at http://osrm:5000, block 3 (100x80): no answer within the timeout (TRAVEL_TIMEOUT_MS)',
    );
    expect(localiseError(timeout.message, 'zh-CN')).toBe(
      '路程服务 osrm（http://osrm:5000）第 3 块（100x80）：超时未应答（TRAVEL_TIMEOUT_MS）',
    );
    const notJson = new TravelRequestError(context, 'HTTP 200 answer is not JSON');
    expect(localiseError(notJson.message, 'zh-CN')).toBe(
      '路程服务 osrm（http://osrm:5000）第 3 块（100x80）：HTTP 200 的应答不是 JSON',
    );
    // A provider's own answer stays as it wrote it.
    const outage = new TravelOutageError(context, 'HTTP 503 upstream down');
    expect(localiseError(outage.message, 'zh-CN')).toBe(
      '路程服务 osrm（http://osrm:5000）第 3 块（100x80）：HTTP 503 upstream down',
    );
    expect(
      localiseError('travel.provider osrm needs TRAVEL_OSRM_URL (README "Road travel times")', 'zh-CN'),
    ).toBe('travel.provider osrm 需要设置 TRAVEL_OSRM_URL（见 README “Road travel times”）');
  });
});
