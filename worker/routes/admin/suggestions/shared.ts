import { problemResponse } from '../../../schemas/common.ts';

/** Who may review suggestions, said in each operation's description. */
export const ROLE = 'Needs the `editor` role (the editor capability "review public suggestions"); `surveys` and `auditor` tokens get 403.';

/** A decision on a suggestion decided otherwise. */
export const DECIDED = problemResponse('The suggestion was already decided otherwise (`already-decided`).');
