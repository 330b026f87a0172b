// Errors the CLI reports itself, worded for someone at a shell rather than for a library user.

/**
 * Configuration the user must fix before anything can be sent (a base URL without a key, a malformed base URL);
 * exit code 2. The message names the environment variables, never their secret values.
 */
export class ConfigError extends Error {
  override name = 'ConfigError';
}
