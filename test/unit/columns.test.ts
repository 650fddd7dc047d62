import { InvalidArgumentError } from '../../src';
import { toCellColumn, toColumnList, toColumnValues } from '../../src/client/columns';

describe('column validation', () => {
  it('accepts family:qualifier cells, with an empty qualifier too', () => {
    expect(toCellColumn('cf:q', 'column').toString()).toBe('cf:q');
    expect(toCellColumn('cf:', 'column').toString()).toBe('cf:');
  });

  it.each([[''], [':q'], ['cf'], [42]])('rejects %j as a cell column', (column) => {
    expect(() => toCellColumn(column, 'column')).toThrow(InvalidArgumentError);
  });

  it('accepts families and cells in column lists, naming the bad index', () => {
    expect(toColumnList(['cf', 'cf:q'], 'options.columns')?.map(String)).toEqual(['cf', 'cf:q']);
    expect(() => toColumnList(['cf', ''], 'options.columns')).toThrow(/options\.columns\[1\]/);
    expect(() => toColumnList('cf', 'options.columns')).toThrow(InvalidArgumentError);
  });

  it('takes put data from objects and Maps (binary qualifiers)', () => {
    const binary = Buffer.from([0x63, 0x66, 0x3a, 0xff, 0x00]);
    const pairs = toColumnValues(new Map<Buffer | string, string>([[binary, 'v']]), 'data');
    expect(pairs[0]?.[0]).toEqual({ bytes: binary, id: binary.toString('latin1') });
    expect(pairs[0]?.[1]).toEqual(Buffer.from('v'));
    expect(() => toColumnValues({ nocolon: 'v' }, 'data')).toThrow(InvalidArgumentError);
    expect(() => toColumnValues({ 'cf:q': 5 }, 'data')).toThrow(/data\["cf:q"\]/);
    expect(() => toColumnValues([['cf:q', 'v']], 'data')).toThrow(InvalidArgumentError);
  });

  it('remembers string columns without letting a bad one in', () => {
    const first = toColumnValues({ 'cf:q': 'a' }, 'data')[0]![0];
    expect(toColumnValues({ 'cf:q': 'b' }, 'data')[0]![0]).toBe(first);
    expect(first).toEqual({ bytes: Buffer.from('cf:q'), id: 'cf:q' });
    // A rejected column is rejected every time, not remembered.
    expect(() => toColumnValues({ nocolon: 'v' }, 'data')).toThrow(/data column/);
    expect(() => toColumnValues({ nocolon: 'v' }, 'data')).toThrow(/data column/);
    // A bad value is still named by its column after the column was remembered.
    expect(() => toColumnValues({ 'cf:q': 5 }, 'data')).toThrow(/data\["cf:q"\]/);
  });
});
