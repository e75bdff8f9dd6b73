/**
 * A plan that failed the publish gate (plan invariants or schema checks). Nothing was published
 * and `current` was not touched; `reasons` lists every problem found.
 */
export class PublishGateError extends Error {
  constructor(
    readonly region: string,
    readonly reasons: readonly string[],
  ) {
    const shown = reasons.slice(0, 12).map((r) => `  - ${r}`);
    const more = reasons.length > 12 ? [`  ... ${reasons.length - 12} more lines`] : [];
    super(
      [`plan of region ${region} not published: it failed the publish gate`, ...shown, ...more].join('\n'),
    );
    this.name = 'PublishGateError';
  }
}
