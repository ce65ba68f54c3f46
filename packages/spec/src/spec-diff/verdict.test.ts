import { describe, expect, it } from 'vitest';
import type { BreakingChange, SpecComparison } from './types.js';
import { judge } from './verdict.js';

const removedResponse: BreakingChange = {
  kind: 'removed-response',
  rule: 'response-removed',
  message: 'Response `429` was removed.',
  where: 'GET /koodrive/ose/v1/backup/device 429',
  path: '#/paths/~1koodrive~1ose~1v1~1backup~1device/get/responses/429',
  source: 'base.yaml:92',
};
const breaking: SpecComparison = { breaking: [removedResponse], compatible: [], requiredBump: 'major' };

describe('judge', () => {
  it('takes the largest client bump across changesets as the declared one', () => {
    const result = judge(breaking, [
      { file: 'one.md', releases: { '@koodrive-device/client': 'patch' } },
      { file: 'two.md', releases: { '@koodrive-device/client': 'major' } },
      { file: 'three.md', releases: { '@koodrive-device/client': 'none' } },
    ]);
    expect(result).toMatchObject({ ok: true, declared: true, declaredBump: 'major', changesets: ['one.md', 'two.md'] });
  });

  it('fails a breaking change that only another package is bumped for', () => {
    const result = judge(breaking, [{ file: 'mocks.md', releases: { '@koodrive-device/mocks': 'major' } }]);
    expect(result).toMatchObject({ ok: false, declared: false, declaredBump: undefined, changesets: [] });
    expect(result.reason).toMatch(/^1 breaking change\(s\) and no changeset bumping @koodrive-device\/client/);
  });

  it('passes no change at all without any changeset', () => {
    expect(judge({ breaking: [], compatible: [], requiredBump: undefined }, [])).toMatchObject({
      ok: true,
      reason: undefined,
    });
  });
});
