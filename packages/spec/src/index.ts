export {
  findOperation,
  type JsonSchema,
  loadSpecDocument,
  type OpenApiDocument,
  type OperationObject,
  type ParameterObject,
  type ResponseObject,
  resolveRef,
  specPath,
  validateSpecDocument,
} from './spec-document.js';
export {
  createSpecValidator,
  type RequestHeaders,
  type SpecValidator,
  type ValidationResult,
} from './spec-validator.js';
