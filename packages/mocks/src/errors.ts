/**
 * Every non-success answer the mock gives, endpoint and mock server alike, with its status and `{code, msg}`: the
 * one table of the mock's error codes. The endpoint's statuses and codes are the spec's assumptions (the
 * reference page documents no errors); the rest belong to the standalone server's own routes and to requests
 * it cannot route. Messages never echo request values, so no token ever lands in a message; the ones that take
 * a `detail` (the path the mock does not serve, the control path, why a scenario was refused, what of a request
 * the spec refuses in its own words, the body bound) add only that.
 */
export const mockErrors = {
  // The endpoint (the spec's responses).
  missingToken: {
    status: 401,
    code: 401001,
    msg: 'The access token is missing or not sent as "Authorization: Bearer <access token>"',
  },
  unknownToken: { status: 401, code: 401001, msg: 'The access token is missing, unknown or expired' },
  missingUserId: { status: 400, code: 400002, msg: 'X-User-Id is missing' },
  userIdMismatch: { status: 403, code: 403001, msg: 'X-User-Id does not match the access token' },
  missingXDate: { status: 400, code: 400001, msg: 'X-Date is missing' },
  malformedXDate: { status: 400, code: 400001, msg: "X-Date is not in the format yyyyMMdd'T'HHmmss'Z'" },
  impossibleXDate: { status: 400, code: 400003, msg: 'X-Date is not a real UTC calendar time' },
  futureXDate: { status: 401, code: 401002, msg: "X-Date is later than the server's current time" },
  staleXDate: { status: 401, code: 401003, msg: 'X-Date is more than 15 minutes old' },
  envelopeError: { status: 200, code: 100001, msg: 'The bound devices could not be listed, try again later' },
  scenarioUnauthorized: { status: 401, code: 401001, msg: 'The access token is missing, unknown or expired' },
  serverError: { status: 500, code: 500001, msg: 'Internal server error' },
  unavailable: { status: 503, code: 503001, msg: 'Service temporarily unavailable' },
  rateLimited: { status: 429, code: 429001, msg: 'Too many requests' },
  // The msg of a 405 names the path's methods from the spec (`Only DELETE is allowed on this endpoint`); this one
  // is the devices path's, and the wording of every other (see `methodNotAllowedAnswer`).
  methodNotAllowed: { status: 405, code: 405002, msg: 'Only GET and HEAD are allowed on this endpoint' },
  // Every operation: what the spec says of a request (parameters, JSON body) and the body bound.
  invalidRequest: { status: 400, code: 400008, msg: 'The request does not match the spec:' }, // + ` <what is wrong>`
  notJson: { status: 400, code: 400009, msg: 'The request body is not valid JSON' },
  unsupportedMediaType: { status: 415, code: 415002, msg: 'Send the request body with Content-Type:' }, // + ` <type>`
  bodyTooLarge: { status: 413, code: 413001, msg: 'The request body is larger than' }, // + ` <n> bytes`
  operationFailed: { status: 200, code: 100002, msg: 'The operation failed, try again later' },
  noExample: {
    status: 501,
    code: 501001,
    msg: 'The spec documents no example answer, and the mock was given no behaviour, for', // + ` <operationId>`
  },
  // The standalone server's own answers: requests no route serves, and its scenario control endpoint.
  notFound: { status: 404, code: 404001, msg: 'No mock answers' }, // + ` <METHOD> <path>`
  targetNotPath: { status: 400, code: 400005, msg: 'The request target must be a path' },
  unparsable: { status: 400, code: 400007, msg: 'The request could not be parsed as HTTP/1.1' },
  headersTooLarge: { status: 431, code: 431001, msg: 'The request headers are too large' },
  mockFailed: { status: 500, code: 500002, msg: 'The mock server failed to answer' },
  foreignOrigin: {
    status: 403,
    code: 403002,
    msg: 'The scenario can only be switched by a client with no Origin or an origin in controlOrigins',
  },
  controlMethod: { status: 405, code: 405001, msg: 'Use GET or PUT on' }, // + ` <control path>`
  controlMediaType: { status: 415, code: 415001, msg: 'Send the scenario with Content-Type: application/json' },
  badScenario: {
    status: 400,
    code: 400006,
    msg: 'Send a JSON scenario ("slow" or {"name":"slow","delayMs":500}):', // + ` <why>`
  },
} as const satisfies Record<string, MockError>;

/** One error answer: its HTTP status and the `{code, msg}` envelope. */
export interface MockError {
  readonly status: number;
  readonly code: number;
  readonly msg: string;
}

export type MockErrorReason = keyof typeof mockErrors;

/**
 * `WWW-Authenticate` of each 401 (RFC 6750 section 3): no error code when no token was sent, `invalid_token`
 * when the token is unknown or revoked, and `invalid_token` with a description for an `X-Date` outside the
 * window (the signature, which the token vouches for, is not valid now).
 */
export const WWW_AUTHENTICATE: Partial<Record<MockErrorReason, string>> = {
  missingToken: 'Bearer realm="koodrive"',
  unknownToken: 'Bearer realm="koodrive", error="invalid_token"',
  scenarioUnauthorized: 'Bearer realm="koodrive", error="invalid_token"',
  futureXDate: 'Bearer realm="koodrive", error="invalid_token", error_description="X-Date is in the future"',
  staleXDate: 'Bearer realm="koodrive", error="invalid_token", error_description="X-Date is too old"',
};
