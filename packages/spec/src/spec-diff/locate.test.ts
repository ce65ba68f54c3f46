import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describePointer, keyLine } from './locate.js';

const work = mkdtempSync(join(tmpdir(), 'spec-diff-locate-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('describePointer', () => {
  it('turns JSON pointers into operation, status and field paths', () => {
    expect(
      describePointer('#/paths/~1a~1b/post/responses/201/content/application~1json/schema/properties/x/items'),
    ).toBe('POST /a/b 201 body x[]');
    expect(describePointer('#/components/schemas/Thing/properties/id')).toBe('components.schemas.Thing id');
  });
});

describe('keyLine', () => {
  const file = join(work, 'spec.yaml');
  writeFileSync(
    file,
    [
      'components:', // 1
      '  schemas:', // 2
      '    Thing:', // 3
      '      required:', // 4
      '        - id', // 5
      '        - name', // 6
      '      properties:', // 7
      '        id:', // 8
      '          type: string', // 9
      '        name: { type: string }', // 10
      '',
    ].join('\n'),
  );

  it('gives the line of the key, not the line where a block value starts', () => {
    expect(keyLine(file, '#/components/schemas/Thing/properties/id')).toBe(8);
    expect(keyLine(file, '#/components/schemas/Thing/required')).toBe(4);
  });

  it('gives the line of a flow value, a scalar and a sequence item', () => {
    expect(keyLine(file, '#/components/schemas/Thing/properties/name')).toBe(10);
    expect(keyLine(file, '#/components/schemas/Thing/properties/id/type')).toBe(9);
    expect(keyLine(file, '#/components/schemas/Thing/required/1')).toBe(6);
  });

  it('is undefined for a pointer the file does not have, or a file that does not exist', () => {
    expect(keyLine(file, '#/components/schemas/Other')).toBeUndefined();
    expect(keyLine(file, '#/components/schemas/Thing/required/7')).toBeUndefined();
    expect(keyLine(join(work, 'missing.yaml'), '#/components')).toBeUndefined();
  });
});
