// Error text for captures, logs and dead letters: one line, bounded. Messages can carry
// what a hostile page chose (a URL, a script's exception) and multi-line stacks; neither
// belongs in a capture field or a log line whole.

/** DevTools errors repeat the method that failed: "Network.getResponseBody: Protocol error (Network.getResponseBody): ...". */
const PROTOCOL_PREFIX = /^(?:[\w.]+: )?Protocol error \([\w.]+\): /;

/** The first line of an error's message, without the DevTools prefix, at most `max` characters. */
export function errorText(e: unknown, max = 200): string {
  const message = e instanceof Error ? e.message : String((e as { message?: unknown } | undefined)?.message ?? e);
  return message.split('\n')[0]!.replace(PROTOCOL_PREFIX, '').slice(0, max);
}
