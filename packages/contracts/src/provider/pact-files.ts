import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { KOODRIVE_PROVIDER } from '../states.js';
import { ProviderSetupError } from './setup-error.js';

/** The `.json` files directly in `dir`, absolute and sorted (none if the folder does not exist). */
export function listPactFiles(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((name) => name.endsWith('.json'))
      .map((name) => resolve(join(dir, name)))
      .sort();
  } catch {
    return [];
  }
}

/**
 * The pact files named by `targets` (files, or folders whose `.json` files are taken), absolute. Throws a
 * {@link ProviderSetupError} for a target that does not exist: a mistyped path is not "no pacts yet".
 */
export function resolvePactTargets(targets: readonly string[]): string[] {
  return targets.flatMap((target) => {
    const path = resolve(target);
    let isDirectory: boolean;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch {
      throw new ProviderSetupError(`${path} does not exist`);
    }
    return isDirectory ? listPactFiles(path) : [path];
  });
}

/** The `provider.name` of a pact file, or `undefined` when it is not JSON or names none. */
export function pactProviderName(file: string): string | undefined {
  try {
    const name = (JSON.parse(readFileSync(file, 'utf8')) as { provider?: { name?: unknown } }).provider?.name;
    return typeof name === 'string' ? name : undefined;
  } catch {
    return undefined;
  }
}

/** The pact files in `dir` written against `provider` (by their `provider.name`), sorted. */
export function findPactFiles(dir: string, provider: string = KOODRIVE_PROVIDER): string[] {
  return listPactFiles(dir).filter((file) => pactProviderName(file) === provider);
}

/** The provider state names the interactions of these pact files use (V2 `providerState`, V3/V4 `providerStates`). */
export function providerStatesInPacts(files: readonly string[]): string[] {
  const states = new Set<string>();
  for (const file of files) {
    const pact = JSON.parse(readFileSync(file, 'utf8')) as {
      interactions?: { providerState?: string; providerStates?: { name: string }[] }[];
    };
    for (const interaction of pact.interactions ?? []) {
      if (typeof interaction.providerState === 'string') states.add(interaction.providerState);
      for (const state of interaction.providerStates ?? []) states.add(state.name);
    }
  }
  return [...states].sort();
}
