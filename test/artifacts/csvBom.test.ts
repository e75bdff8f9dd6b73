import { describe, expect, it } from 'vitest';
import { buildArtifacts } from '../../src/io/artifacts/buildArtifacts.js';
import { contentText, type ArtifactContent } from '../../src/io/artifacts/artifactContent.js';
import { withBom } from '../../src/io/artifacts/csv.js';
import { buildFixturePlan } from '../fixtures/plans/buildFixturePlan.js';
import { decodeAsExcel } from '../helpers/decodeAsExcel.js';

/** The fixture plan with Chinese outlet and rep names, as a Chinese region would have them. */
function chinesePlan() {
  const plan = buildFixturePlan();
  plan.outlets = plan.outlets.map((o, i) => ({ ...o, name: `王记食杂店${i + 1}` }));
  plan.reps = plan.reps.map((r, i) => ({ ...r, name: ['马琳', '曹平', '罗军', '曹强'][i % 4] ?? r.name }));
  return plan;
}

function csvFiles(csvBom?: boolean) {
  const options = csvBom === undefined ? { programVersion: 't' } : { programVersion: 't', csvBom };
  return buildArtifacts(chinesePlan(), null, options).filter((f) => f.path.endsWith('.csv'));
}

const bytesOf = (content: ArtifactContent) =>
  content instanceof Uint8Array ? Buffer.from(content) : Buffer.from(contentText(content), 'utf8');

describe('published CSV files and Excel', () => {
  it('start with a UTF-8 BOM by default, so Excel reads the Chinese names', () => {
    const files = csvFiles();
    expect(files.map((f) => f.path)).toEqual(
      expect.arrayContaining(['segments.csv', 'quarantine.csv', 'reps/A1.csv']),
    );
    for (const file of files) {
      const bytes = bytesOf(file.content);
      expect([...bytes.subarray(0, 3)], file.path).toEqual([0xef, 0xbb, 0xbf]);
      // Exactly one mark, then the CSV as rendered.
      expect(bytes[3], file.path).not.toBe(0xef);
    }
    const segments = decodeAsExcel(bytesOf(files.find((f) => f.path === 'segments.csv')!.content));
    expect(segments.split('\r\n')[0]).toBe('id,name,tier,rule,reason,pool,rep_id');
    expect(segments).toContain(',王记食杂店1,');
    const sheet = decodeAsExcel(bytesOf(files.find((f) => f.path === 'reps/A1.csv')!.content));
    expect(sheet.startsWith('week,weekday,seq,outlet_id,name,tier,arrival,departure,lon,lat\r\n')).toBe(true);
    expect(sheet).toMatch(/王记食杂店\d+/);
  });

  it('without the BOM (csv.bom false) Excel would garble them', () => {
    const files = csvFiles(false);
    const segments = bytesOf(files.find((f) => f.path === 'segments.csv')!.content);
    expect(segments[0]).toBe(0x69); // "i" of the header: no mark
    expect(decodeAsExcel(segments)).not.toContain('王记食杂店1');
  });

  it('withBom adds the mark once', () => {
    expect(withBom('a\r\n')).toBe('\uFEFFa\r\n');
    expect(withBom(withBom('a\r\n'))).toBe('\uFEFFa\r\n');
  });
});
