import { describe, expect, it } from 'vitest';
import { node20BoxFilter } from './redocly.mjs';

const box = (title) => [
  '    ╔══════════════════════════╗',
  '    ║                          ║',
  `    ║  ${title}  ║`,
  '    ╚══════════════════════════╝',
];

function run(lines) {
  const filter = node20BoxFilter();
  return [...lines.flatMap((line) => filter.push(line)), ...filter.end()];
}

describe('node20BoxFilter', () => {
  it("drops Redocly's Node 20 deprecation box and keeps the lint output around it", () => {
    const output = [
      '',
      ...box('Deprecation warning: Node.js 20 support is ending'),
      '',
      'validating openapi/x.yaml...',
    ];
    expect(run(output)).toEqual(['', '', 'validating openapi/x.yaml...']);
  });

  it('keeps any other box whole, and a box that never closes', () => {
    const other = box('A new version of Redocly CLI is available');
    expect(run(['before', ...other, 'after'])).toEqual(['before', ...other, 'after']);
    expect(run(['before', '╔═══', '║ cut off'])).toEqual(['before', '╔═══', '║ cut off']);
  });

  it('keeps an error that mentions Node.js 20 outside a box', () => {
    expect(run(['Error: Node.js 20 support is ending soon, says the line'])).toHaveLength(1);
  });
});
