import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Comparator, type ComparatorOptions, type Result } from '@pactflow/openapi-pact-comparator';
import { parse as parseYaml } from 'yaml';
import { EXAMPLE_AUTHORIZATION } from './matchers.js';
import { pactProviderName } from './provider/pact-files.js';
import { KOODRIVE_PROVIDER } from './states.js';

/**
 * `@koodrive-device/contracts/spec-check` (Node only): does a pact agree with the OpenAPI spec? The spec ships
 * in this package, so a team outside this repository checks its own pacts against the very spec the client and
 * mocks are built from.
 */

/** The OpenAPI document this package was built from (`openapi/koodrive-device.yaml`, copied in at build). */
export const kooDriveSpecFile: string = fileURLToPath(new URL('./openapi/koodrive-device.yaml', import.meta.url));

/** One finding, reduced to what a reader needs. */
export interface SpecCheckIssue {
  code: string;
  message: string;
  interaction: string | undefined;
  location: string | undefined;
}

export interface SpecCheckResult {
  pactFile: string;
  success: boolean;
  errors: SpecCheckIssue[];
  warnings: SpecCheckIssue[];
}

function toIssue(result: Result): SpecCheckIssue {
  return {
    code: result.code,
    message: result.message,
    interaction: result.mockDetails?.interactionDescription ?? undefined,
    location: result.mockDetails?.location,
  };
}

/** The comparator's findings for one pact: the errors and warnings (its `info` lines say only "matched"). */
async function compareWithSpec(pact: unknown, specFile: string): Promise<{ errors: Result[]; warnings: Result[] }> {
  const oas = parseYaml(readFileSync(specFile, 'utf8')) as NonNullable<ComparatorOptions['oas']>;
  const errors: Result[] = [];
  const warnings: Result[] = [];
  for await (const result of new Comparator({ oas }).compare(pact as Parameters<Comparator['compare']>[0])) {
    if (result.type === 'error') errors.push(result);
    else if (result.type === 'warning') warnings.push(result);
  }
  return { errors, warnings };
}

/**
 * Compares one pact file with the OpenAPI document using PactFlow's openapi-pact-comparator (the engine of its
 * bi-directional contract testing): the request's path and method, its headers against the header parameters
 * and the bearer security scheme, the response's status against the documented ones, its content type, and its
 * body against the schema (no properties beyond it). Also fails a pact that records a real `Authorization`
 * value, and a file that is not a pact for `koodrive-device-api` (`pact.not-for-provider`).
 */
export async function checkPactAgainstSpec(
  pactFile: string,
  specFile: string = kooDriveSpecFile,
): Promise<SpecCheckResult> {
  const provider = pactProviderName(pactFile);
  if (provider !== KOODRIVE_PROVIDER) {
    const issue: SpecCheckIssue = {
      code: 'pact.not-for-provider',
      message: `not a pact for ${KOODRIVE_PROVIDER} (provider ${JSON.stringify(provider ?? null)})`,
      interaction: undefined,
      location: '[root].provider.name',
    };
    return { pactFile, success: false, errors: [issue], warnings: [] };
  }
  const outcome = await compareWithSpec(JSON.parse(readFileSync(pactFile, 'utf8')), specFile);
  const credentials = findRecordedCredentials(pactFile);
  const errors = [...outcome.errors.map(toIssue), ...credentials];
  return { pactFile, success: errors.length === 0, errors, warnings: outcome.warnings.map(toIssue) };
}

/**
 * Interactions whose recorded `Authorization` is anything but the placeholder {@link EXAMPLE_AUTHORIZATION}: a
 * pact must never hold a real token (verifiers re-sign requests). Returns one issue per offending interaction,
 * without repeating the value.
 */
export function findRecordedCredentials(pactFile: string): SpecCheckIssue[] {
  const pact = JSON.parse(readFileSync(pactFile, 'utf8')) as {
    interactions?: { description?: string; request?: { headers?: Record<string, string | string[]> } }[];
  };
  const issues: SpecCheckIssue[] = [];
  (pact.interactions ?? []).forEach((interaction, index) => {
    for (const [name, value] of Object.entries(interaction.request?.headers ?? {})) {
      if (name.toLowerCase() !== 'authorization') continue;
      const values = Array.isArray(value) ? value : [value];
      if (values.some((recorded) => recorded !== EXAMPLE_AUTHORIZATION)) {
        issues.push({
          code: 'request.authorization.not-placeholder',
          message: `the recorded Authorization is not the placeholder "${EXAMPLE_AUTHORIZATION}" (use bearerAuthorization())`,
          interaction: interaction.description,
          location: `[root].interactions[${index}].request.headers.${name}`,
        });
      }
    }
  });
  return issues;
}

/** Human-readable lines for one result. */
export function formatSpecCheckResult(result: SpecCheckResult): string[] {
  const lines = [
    `${result.success ? 'OK  ' : 'FAIL'} ${result.pactFile}: ${result.errors.length} error(s), ${result.warnings.length} warning(s)`,
  ];
  for (const issue of [...result.errors, ...result.warnings]) {
    const where = [issue.interaction && `"${issue.interaction}"`, issue.location].filter(Boolean).join(' at ');
    lines.push(`  ${issue.code}: ${issue.message}${where ? ` (${where})` : ''}`);
  }
  return lines;
}
