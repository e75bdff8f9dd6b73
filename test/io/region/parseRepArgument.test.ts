import { describe, expect, it } from 'vitest';
import {
  parseAddRepArgument,
  parseChangeRepArgument,
  RepArgumentError,
} from '../../../src/io/region/parseRepArgument.js';

describe('rep arguments are checked like reps.csv rows', () => {
  it('parses --add-rep id,tier,lon,lat (tier in any case, spaces trimmed)', () => {
    expect(parseAddRepArgument('R13,b, 119.12 ,36.71')).toEqual({
      id: 'R13',
      tier: 'B',
      home: [119.12, 36.71],
    });
  });

  it('parses --change-rep id,tier and id,tier,lon,lat', () => {
    expect(parseChangeRepArgument('R11,a')).toEqual({ id: 'R11', tier: 'A', home: null });
    expect(parseChangeRepArgument('R11,A,119.1,36.7')).toEqual({ id: 'R11', tier: 'A', home: [119.1, 36.7] });
  });

  it('names the argument and the problem', () => {
    const cases: Array<[() => unknown, RegExp]> = [
      [() => parseAddRepArgument('R13,B,119.1'), /^"R13,B,119\.1": expected id,tier,lon,lat/],
      [
        () => parseAddRepArgument('R13,E,119.1,36.7'),
        /^"R13,E,119\.1,36\.7": tier "E": tier must be one of A, B, C, D \(or A类\.\.\.\)$/,
      ],
      [() => parseAddRepArgument(',B,119.1,36.7'), /id "": empty id/],
      [
        () => parseAddRepArgument('R13,B,36.7,119.1'),
        /latitude 119\.1 is outside -90\.\.90 \(longitude and latitude swapped\?\)/,
      ],
      [() => parseAddRepArgument('R13,B,0,0'), /coordinates 0,0 are a placeholder/],
      [() => parseAddRepArgument('R13,B,east,36.7'), /home_lon "east": longitude is not a number/],
      [() => parseChangeRepArgument('R11'), /expected id,tier or id,tier,lon,lat/],
      [() => parseChangeRepArgument('R11,A,119.1'), /expected id,tier or id,tier,lon,lat/],
      [() => parseChangeRepArgument('R11,Z'), /tier "Z": tier must be one of A, B, C, D/],
    ];
    for (const [parse, message] of cases) {
      expect(parse, message.source).toThrow(RepArgumentError);
      expect(parse, message.source).toThrow(message);
    }
  });
});
