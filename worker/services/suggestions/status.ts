import type { Db } from '../../db/client.ts';
import { selectSuggestion } from '../../db/queries/suggestions.ts';
import { AppError } from '../../errors.ts';
import type { SuggestionStatus } from '../../schemas/suggestions.ts';
import { eventsOf, publicView } from './view.ts';

/** A receipt's form: anything else is not looked up at all. */
const RECEIPT = /^s-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The public status of a suggestion, by its receipt. A decoy (caught by the
 * honeypot) is answered like any received suggestion, as its receipt was.
 */
export async function suggestionStatus(db: Db, receipt: string): Promise<SuggestionStatus> {
  const row = RECEIPT.test(receipt) ? await selectSuggestion(db, receipt) : null;
  if (!row) throw new AppError('not-found', 'No suggestion has this receipt. Check that it was copied whole (it starts with "s-").');
  return publicView(row, await eventsOf(db, [row]));
}
