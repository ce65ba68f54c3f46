// The regeneration variants' generated spec data (packages/integration-tests/fixtures/regenerated/<variant>/generated,
// written by `npm run generate` from the spec with one growth applied), as the mocks take a spec: the tests serve
// them to show a grown spec is mocked with no hand code.
import { requestValidators as queryValidators } from '../../../integration-tests/fixtures/regenerated/additive-query-parameter/generated/request-validators.js';
import { operationsSpec as queryOperations } from '../../../integration-tests/fixtures/regenerated/additive-query-parameter/generated/schemas.js';
import { requestValidators as deleteValidators } from '../../../integration-tests/fixtures/regenerated/new-delete-operation/generated/request-validators.js';
import { operationsSpec as deleteOperations } from '../../../integration-tests/fixtures/regenerated/new-delete-operation/generated/schemas.js';
import { requestValidators as postValidators } from '../../../integration-tests/fixtures/regenerated/new-post-operation/generated/request-validators.js';
import { operationsSpec as postOperations } from '../../../integration-tests/fixtures/regenerated/new-post-operation/generated/schemas.js';
import type { MockSpec } from '../spec.js';

/** listBoundDevices gains an optional query parameter deviceOS (string, minLength 1). */
export const queryParameterSpec: MockSpec<typeof queryOperations> = {
  operations: queryOperations,
  validators: queryValidators,
};

/** A new DELETE /koodrive/ose/v1/backup/device/{deviceId} (unbindDevice), answering {code, msg}. */
export const deleteOperationSpec: MockSpec<typeof deleteOperations> = {
  operations: deleteOperations,
  validators: deleteValidators,
};

/** A new POST /koodrive/ose/v1/backup/device/{deviceId}/name (renameDevice), JSON body DeviceRename. */
export const postOperationSpec: MockSpec<typeof postOperations> = {
  operations: postOperations,
  validators: postValidators,
};

export const DEVICE_ITEM_PATH = '/koodrive/ose/v1/backup/device';
