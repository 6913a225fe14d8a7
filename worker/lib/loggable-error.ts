/**
 * Errors as the log and the error matching may read them. drizzle wraps a
 * failed query's error in its own, whose message ends with the query's
 * parameters: the values written (a suggestion's contact details, a
 * questionnaire's answers). Those never reach a log; D1's own messages, in the
 * causes, name tables and constraints, not values.
 */
const PARAMS = /\nparams: [\s\S]*$/;

/** The messages of an error and of its causes (the first four), without any query's parameters. */
export function errorChain(err: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = err; e instanceof Error && parts.length < 4; e = e.cause) parts.push(e.message.replace(PARAMS, ''));
  return parts.join(' | ');
}

/**
 * What the log gets of an unexpected error: its messages and its stack's frames. The stack's head repeats the
 * message, parameters included, whose line breaks are the client's and can spell a frame ("\n    at …"): the head
 * is cut off before the frames are picked.
 */
export function loggable(err: unknown): string {
  const frames = err instanceof Error ? framesOf(err).filter((line) => /^\s+at /.test(line)) : [];
  return [errorChain(err) || String(err).replace(PARAMS, ''), ...frames].join('\n');
}

/**
 * The stack's lines after its head (`Name: message`). None when the message is not found in it (changed after the
 * stack was taken): the head then holds a message the log cannot check, and frames are not worth that risk.
 */
function framesOf(err: Error): string[] {
  const stack = err.stack ?? '';
  const at = stack.indexOf(err.message);
  return at < 0 ? [] : stack.slice(at + err.message.length).split('\n');
}
