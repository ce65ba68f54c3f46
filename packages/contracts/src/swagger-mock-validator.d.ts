// @pactflow/swagger-mock-validator ships no type declarations; this is the part of its API the spec check uses.
declare module '@pactflow/swagger-mock-validator' {
  export interface SwaggerMockValidatorIssue {
    code: string;
    message: string;
    type: 'error' | 'warning';
    source?: string;
    mockDetails?: { interactionDescription?: string; interactionState?: string; location?: string; value?: unknown };
    specDetails?: { location?: string; pathMethod?: string; pathName?: string; value?: unknown };
  }
  export interface SwaggerMockValidatorResult {
    success: boolean;
    failureReason?: string;
    errors: SwaggerMockValidatorIssue[];
    warnings: SwaggerMockValidatorIssue[];
  }
  export interface SwaggerMockValidatorOptions {
    specPathOrUrl: string;
    mockPathOrUrl: string;
    providerName?: string;
    additionalPropertiesInResponse?: 'true' | 'false';
    requiredPropertiesInResponse?: 'true' | 'false';
  }
  export const SwaggerMockValidatorFactory: {
    create(auth?: string): { validate(options: SwaggerMockValidatorOptions): Promise<SwaggerMockValidatorResult> };
  };
}
