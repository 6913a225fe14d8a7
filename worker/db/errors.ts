import { errorChain } from '../lib/loggable-error.ts';

/**
 * D1's message for a failed statement, also when drizzle wraps the error in its own: the messages of the error and
 * its causes, without the query's parameters (lib/loggable-error.ts), so that what a client wrote can never pass
 * for a constraint's name.
 */
export const errorText = errorChain;

/** Whether D1 refused a write with the constraint `what` names (a refusal, not a fault of D1 itself). */
export function refusedBy(err: unknown, what: RegExp): boolean {
  return what.test(errorText(err));
}
