/**
 * A plan that failed the publish gate (plan invariants or schema checks). Nothing was published
 * and `current` was not touched; `reasons` lists every problem found.
 */
export class PublishGateError extends Error {
  constructor(
    readonly region: string,
    readonly reasons: readonly string[],
  ) {
    const shown = reasons.slice(0, 10).map((r) => `  - ${r}`);
    const more = reasons.length > 10 ? [`  ... and ${reasons.length - 10} more`] : [];
    super(
      [`plan of region ${region} not published: ${reasons.length} problem(s)`, ...shown, ...more].join('\n'),
    );
    this.name = 'PublishGateError';
  }
}
