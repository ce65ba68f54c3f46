import { MatchersV3, PactV4, SpecificationVersion } from '@pact-foundation/pact';
import {
  type BoundDeviceExample,
  type BoundDeviceOptionalField,
  boundDevicesResponseBody,
  errorEnvelopeBody,
  LIST_BOUND_DEVICES_PATH,
  listBoundDevicesRequestHeaders,
  noBoundDevicesResponseBody,
} from './matchers.js';
import {
  JSON_CONTENT_TYPE_PATTERN,
  type KooDriveConsumerPact,
  type KooDriveInteraction,
} from './operation-matchers.js';
import { KOODRIVE_PROVIDER, type ProviderStateName, providerStates } from './states.js';

export type { KooDriveConsumerPact, KooDriveInteraction } from './operation-matchers.js';

export interface KooDrivePactOptions {
  /** Your application's name as the provider team will see it, e.g. `device-dashboard`. */
  consumer: string;
  /** Folder the pact file is written to (Pact's default: `./pacts` of the working directory). */
  dir?: string;
  /** Log level of the Pact core; default `warn`. */
  logLevel?: 'trace' | 'debug' | 'info' | 'warn' | 'error';
}

/** A Pact V4 consumer pact against `koodrive-device-api`, quiet by default. */
export function createKooDrivePact(options: KooDrivePactOptions): PactV4 {
  return new PactV4({
    consumer: options.consumer,
    provider: KOODRIVE_PROVIDER,
    spec: SpecificationVersion.SPECIFICATION_VERSION_V4,
    logLevel: options.logLevel ?? 'warn',
    ...(options.dir === undefined ? {} : { dir: options.dir }),
  });
}

export interface ListBoundDevicesInteractionOptions {
  /** The provider state; it decides the expected response (devices, none, or 401). */
  state: ProviderStateName;
  /** The interaction's description; a sensible default per state. */
  uponReceiving?: string;
  /** The `X-User-Id` example recorded in the pact (matched by type). */
  userId?: string;
  /** `the user has bound devices`: the minimum number of devices expected (default 1). */
  minDevices?: number;
  /** `the user has bound devices`: example values of the device template. */
  device?: Partial<BoundDeviceExample>;
  /** `the user has bound devices`: optional device fields your code reads, which the pact then demands. */
  include?: readonly BoundDeviceOptionalField[];
}

const JSON_CONTENT_TYPE = MatchersV3.regex(JSON_CONTENT_TYPE_PATTERN, 'application/json');

const defaultDescriptions: Record<ProviderStateName, string> = {
  [providerStates.boundDevices]: 'a request to list the bound devices',
  [providerStates.noBoundDevices]: 'a request to list the bound devices of a user without devices',
  [providerStates.invalidAccessToken]: 'a request to list the bound devices with an invalid access token',
};

/**
 * Adds a `GET /koodrive/ose/v1/backup/device` interaction for one provider state, with the spec's matchers on
 * the request headers and the response body. Call `.executeTest(async (mockServer) => …)` on the result and
 * drive your real client against `mockServer.url`.
 */
export function listBoundDevicesInteraction(
  pact: KooDriveConsumerPact,
  options: ListBoundDevicesInteractionOptions,
): KooDriveInteraction {
  const { state } = options;
  const request = pact
    .addInteraction()
    .given(state)
    .uponReceiving(options.uponReceiving ?? defaultDescriptions[state])
    .withRequest('GET', LIST_BOUND_DEVICES_PATH, (builder) => {
      builder.headers(listBoundDevicesRequestHeaders(options.userId === undefined ? {} : { userId: options.userId }));
    });

  switch (state) {
    case providerStates.boundDevices:
      return request.willRespondWith(200, (builder) => {
        builder.headers({ 'Content-Type': JSON_CONTENT_TYPE });
        builder.jsonBody(
          boundDevicesResponseBody({
            ...(options.minDevices === undefined ? {} : { min: options.minDevices }),
            ...(options.device === undefined ? {} : { device: options.device }),
            ...(options.include === undefined ? {} : { include: options.include }),
          }),
        );
      });
    case providerStates.noBoundDevices:
      return request.willRespondWith(200, (builder) => {
        builder.headers({ 'Content-Type': JSON_CONTENT_TYPE });
        builder.jsonBody(noBoundDevicesResponseBody());
      });
    case providerStates.invalidAccessToken:
      return request.willRespondWith(401, (builder) => {
        builder.headers({ 'Content-Type': JSON_CONTENT_TYPE });
        builder.jsonBody(errorEnvelopeBody());
      });
    default:
      throw new TypeError(`Unknown provider state: ${String(state satisfies never)}`);
  }
}
