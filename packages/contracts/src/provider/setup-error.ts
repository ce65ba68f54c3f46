/** A bad states file or bad verification setup. The message never contains a token. */
export class ProviderSetupError extends Error {
  override readonly name = 'ProviderSetupError';
}
