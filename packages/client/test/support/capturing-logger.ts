// A logger for the client's tests that keeps every line it is given, as text (its level, message and the JSON of
// any further arguments), so a test can assert what a user's logger would have received.

export function capturingLogger() {
  const lines: string[] = [];
  const keep =
    (level: string) =>
    (message: string, ...rest: unknown[]) =>
      lines.push([level, message, ...rest.map((value) => JSON.stringify(value))].join(' '));
  return {
    lines,
    logger: { debug: keep('debug'), info: keep('info'), warn: keep('warn'), error: keep('error') },
  };
}
