import { errorText } from '../../i18n/warningText.js';

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
    const more =
      reasons.length > 12 ? [errorText('error.label.gate.moreLines', { count: reasons.length - 12 })] : [];
    super(errorText('error.publishGate', { region, problems: [...shown, ...more].join('\n') }));
    this.name = 'PublishGateError';
  }
}
