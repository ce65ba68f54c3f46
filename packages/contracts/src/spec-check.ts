import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SwaggerMockValidatorFactory, type SwaggerMockValidatorIssue } from '@pactflow/swagger-mock-validator';
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

function toIssue(issue: SwaggerMockValidatorIssue): SpecCheckIssue {
  return {
    code: issue.code,
    message: issue.message,
    interaction: issue.mockDetails?.interactionDescription,
    location: issue.mockDetails?.location,
  };
}

/**
 * Validates one pact file against the OpenAPI document with swagger-mock-validator: request headers against the
 * header parameters and security scheme, response statuses against the documented ones, response bodies against
 * their schemas (no properties beyond the schema's). Also fails a pact that records a real `Authorization`
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
  const validator = SwaggerMockValidatorFactory.create();
  const outcome = await validator.validate({ specPathOrUrl: specFile, mockPathOrUrl: pactFile });
  const credentials = findRecordedCredentials(pactFile);
  return {
    pactFile,
    success: outcome.success && credentials.length === 0,
    errors: [...outcome.errors.map(toIssue), ...credentials],
    warnings: outcome.warnings.map(toIssue),
  };
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
