import { describe, expect, it } from 'vitest';
import { formatReport } from './report.js';
import type { SpecComparison } from './types.js';
import { judge } from './verdict.js';

const comparison: SpecComparison = {
  breaking: [
    {
      kind: 'removed-field',
      rule: 'property-removed',
      message: 'Property `machineCode` was removed.',
      where: 'GET /koodrive/ose/v1/backup/device 200 body data[].machineCode',
      path: '#/paths/…/machineCode',
      source: 'origin/main:openapi/koodrive-device.yaml:259',
    },
    {
      kind: 'field-no-longer-required',
      rule: 'required-properties-removed',
      message: 'Properties are no longer required: `machineCode`.',
      where: 'GET /koodrive/ose/v1/backup/device 200 body data[] (required)',
      path: '#/paths/…/required',
      source: 'openapi/koodrive-device.yaml:245',
    },
  ],
  compatible: [
    {
      kind: 'modified',
      impact: 'patch',
      message: 'description changed',
      where: 'GET /koodrive/ose/v1/backup/device 200 body data[].deviceName (description)',
      path: '#/paths/…/description',
      source: 'openapi/koodrive-device.yaml:264',
    },
  ],
  requiredBump: 'major',
};

describe('the report', () => {
  it('prints one line per change with its kind and location, then the verdict and how to fix it', () => {
    const lines = formatReport(judge(comparison, []), 'heading').split('\n');
    expect(lines[0]).toBe('heading');
    expect(lines[1]).toBe(
      '  ✖ BREAKING removed-field             GET /koodrive/ose/v1/backup/device 200 body data[].machineCode: ' +
        'Property `machineCode` was removed.  [origin/main:openapi/koodrive-device.yaml:259]',
    );
    expect(lines[2]).toMatch(/^ {2}✖ BREAKING field-no-longer-required {2}.*\[openapi\/koodrive-device\.yaml:245\]$/);
    expect(lines[3]).toMatch(
      /^ {2}· patch modified {2}.*deviceName \(description\) {2}\[openapi\/koodrive-device\.yaml:264\]$/,
    );
    expect(lines[4]).toBe('  2 breaking, 1 compatible; required client bump: major; declared: none.');
    expect(lines[5]).toMatch(/^✖ spec:diff failed: 2 breaking change\(s\) and no changeset/);
    expect(lines[6]).toMatch(/"@koodrive-device\/client": major .*CONTRIBUTING\.md/);
  });

  it('suggests the bump a compatible change needs, and says when the gate passes', () => {
    const compatible = { ...comparison, breaking: [], requiredBump: 'patch' as const };
    expect(formatReport(judge(compatible, []), 'h').split('\n').at(-1)).toMatch(
      /^ {2}Add a changeset bumping "@koodrive-device\/client": patch/,
    );
    const declared = judge(compatible, [{ file: 'docs.md', releases: { '@koodrive-device/client': 'patch' } }]);
    expect(formatReport(declared, 'h').split('\n').slice(-2)).toEqual([
      '  0 breaking, 1 compatible; required client bump: patch; declared: patch (docs.md).',
      '✔ spec:diff passed.',
    ]);
    expect(formatReport(judge({ breaking: [], compatible: [], requiredBump: undefined }, []), 'h')).toContain(
      'No changes to the API.',
    );
  });
});
