import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KOODRIVE_PROVIDER } from '../states.js';
import { pactWithStates, useTempDir } from '../test-support/temp-dir.js';
import { findPactFiles, listPactFiles, providerStatesInPacts, resolvePactTargets } from './pact-files.js';
import { ProviderSetupError } from './setup-error.js';

const temp = useTempDir('contracts-pact-files-');

describe('pact files', () => {
  it('finds the pacts written against the provider and the states they use', () => {
    const dir = mkdtempSync(join(temp.dir, 'pacts-'));
    writeFileSync(join(dir, 'a.json'), JSON.stringify(pactWithStates('a', KOODRIVE_PROVIDER, ['s1', 's2'])));
    writeFileSync(join(dir, 'b.json'), JSON.stringify(pactWithStates('b', 'another-provider', ['s3'])));
    writeFileSync(
      join(dir, 'c.json'),
      JSON.stringify({ ...pactWithStates('c', KOODRIVE_PROVIDER, []), interactions: [{ providerState: 's0' }] }),
    );
    writeFileSync(join(dir, 'notes.txt'), 'not a pact');
    expect(listPactFiles(dir)).toEqual(['a', 'b', 'c'].map((name) => join(dir, `${name}.json`)));
    const files = findPactFiles(dir);
    expect(files).toEqual([join(dir, 'a.json'), join(dir, 'c.json')]);
    expect(providerStatesInPacts(files)).toEqual(['s0', 's1', 's2']);
    expect(findPactFiles(join(dir, 'missing'))).toEqual([]);
  });

  it('takes files and folders as targets, and says when a target does not exist', () => {
    const dir = join(temp.dir, 'targets');
    mkdirSync(dir);
    const file = temp.write('single.json', pactWithStates('x', KOODRIVE_PROVIDER, []));
    writeFileSync(join(dir, 'in-folder.json'), '{}');
    expect(resolvePactTargets([file, dir])).toEqual([file, join(dir, 'in-folder.json')]);
    const missing = join(temp.dir, 'no-such-pact.json');
    expect(() => resolvePactTargets([file, missing])).toThrow(ProviderSetupError);
    expect(() => resolvePactTargets([missing])).toThrow(`${missing} does not exist`);
  });
});
