/**
 * The stage of a listing that a row's source saw. A national batch is first put
 * to a public notice (公示) and then published as the final notice; a source that
 * names a town only at the public notice is weaker evidence than the final list.
 * `final` covers the final notice and reports published after it; `deduced` is a
 * row inferred from other lists (its note says how).
 */
export const SOURCE_STAGES = ['public-notice', 'final', 'deduced'] as const;
export type SourceStage = (typeof SOURCE_STAGES)[number];
