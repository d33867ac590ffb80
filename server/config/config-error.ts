/** A bad configuration value: the message names the variable (and tenant) and the rule, and is shown as is. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}
