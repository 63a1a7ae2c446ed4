/** One thing wrong with the server configuration: the field (a dotted path, e.g. `auth.serverKeys[0]`) and why. */
export interface ConfigProblem {
  field: string;
  message: string;
}

/**
 * The server configuration cannot be used. The message lists every problem, one per line, each naming its field,
 * so a deployment learns everything it must fix in one start.
 */
export class ConfigError extends Error {
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[], heading?: string) {
    const lines = problems.map(({ field, message }) => `  - ${field}: ${message}`);
    const single = problems.length === 1 && heading === undefined;
    super(
      single
        ? `${problems[0]!.field}: ${problems[0]!.message}`
        : `${heading ?? 'the server configuration is not usable'}:\n${lines.join('\n')}`,
    );
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** A {@link ConfigError} about one field. */
export function configError(field: string, message: string): ConfigError {
  return new ConfigError([{ field, message }]);
}
