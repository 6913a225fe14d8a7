/** The publication threshold from MIN_SAMPLE; never below 2, so that no single answer is ever shown. */
export function minSample(env: { MIN_SAMPLE?: string }): number {
  const n = Number.parseInt(env.MIN_SAMPLE ?? '', 10);
  return Number.isFinite(n) && n >= 2 ? n : 5;
}
