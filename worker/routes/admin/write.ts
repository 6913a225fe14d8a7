import { problemResponse, problemResponses } from '../../schemas/common.ts';

/** A required JSON request body of the given schema. */
export const jsonBody = <T>(schema: T) => ({ required: true, content: { 'application/json': { schema } } });

/** The problems every catalogue write (sources, lists, towns) documents. */
export const WRITE_ERRORS = {
  ...problemResponses(400, 401, 403, 503),
  422: problemResponse('A record the body refers to does not exist (errors[] names it).'),
};

/** How an event write (a new event, a town added to a list) is refused. */
export const EVENT_REJECTED = problemResponse(
  "A referenced record does not exist (`unknown-reference`), or the lists' rules refuse the event (`write-rejected`: not on the list, already recorded, impossible after an elimination, bad correction).",
);

/** How a change to a survey's waves is refused. */
export const WAVE_REFUSED = problemResponse(
  'Refused, nothing written (errors[] says why): the wave would overlap another wave of the survey, close before it opens, or leave some of its responses outside it; a wave with responses cannot change its publication rule, nor reopen once closed if it publishes after closing (either would publish two states of its results fewer than 10 responses apart); a response arrived while it was being changed; or an unknown version.',
);
