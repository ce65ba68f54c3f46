import type { OperationTypes } from './generated/operations.js';

/**
 * The parameters the client fills itself on every attempt (`X-User-Id` from its options, `X-Date` signed per
 * attempt), by their generated names: never the caller's. `Authorization` is the spec's bearer scheme, not a
 * parameter, so it never reaches the caller's types either.
 */
type SignedParameterName = 'xUserId' | 'xDate';

/** The operationIds of the spec: one method of the client each. */
export type OperationId = keyof OperationTypes;

/** What the caller may not pass: the parameters the client signs with. */
type CallerSet<K extends OperationId> = Omit<OperationTypes[K]['parameters'], SignedParameterName>;

/**
 * What a caller passes to an operation: its path, query and header parameters and its JSON body by their generated
 * names (the body by its schema's name in camelCase, e.g. `deviceRename`), required ones required, plus `signal`.
 */
export type OperationParameters<K extends OperationId> = CallerSet<K> & {
  /** Aborts the current attempt and any pending backoff at once (`kind: 'aborted'`). */
  signal?: AbortSignal;
};

/** The argument list of an operation's method: optional when the operation has no required caller-set parameter. */
type OperationArguments<K extends OperationId> = Record<never, never> extends CallerSet<K>
  ? [parameters?: OperationParameters<K>]
  : [parameters: OperationParameters<K>];

/** Plain data handed to callers: an array of read-only items, or one read-only object. */
type PlainData<T> = T extends readonly (infer Item)[] ? Readonly<Item>[] : Readonly<T>;

/**
 * What an operation resolves to: its 2xx envelope's `data`, typed by the spec, when the answer's schema has `data`;
 * nothing otherwise (`Promise<void>`, as a method that returns nothing).
 */
export type OperationData<K extends OperationId> = OperationTypes[K]['response'] extends infer Answer
  ? Answer extends object
    ? 'data' extends keyof Answer
      ? PlainData<NonNullable<Answer['data']>>
      : Nothing
    : Nothing
  : never;

// biome-ignore lint/suspicious/noConfusingVoidType: what a method resolves to when it returns nothing, as Promise<void>
type Nothing = void;

/** One method per operation of the spec, named by its operationId. Each rejects only with a `KooDriveError`. */
export type KooDriveOperations = {
  [K in OperationId]: (...parameters: OperationArguments<K>) => Promise<OperationData<K>>;
};
