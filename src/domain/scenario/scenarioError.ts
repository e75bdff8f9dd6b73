/**
 * A scenario that cannot be planned as asked: a rep edit that does not fit the region's reps
 * (unknown `--remove-rep` id, an `--add-rep` id already taken, no rep left), a staffing
 * recommendation that cannot be applied, or a scenario version that cannot be promoted. The
 * message names the offending argument and what exists; `code` is `scenario` in `--json` errors.
 */
export class ScenarioError extends Error {
  readonly code = 'scenario';

  constructor(message: string) {
    super(message);
    this.name = 'ScenarioError';
  }
}
