/**
 * The shape of a plan against schemas/sync-plan.schema.json, with Ajv's standalone validator generated
 * ahead of time (`npm run generate:validators`), so devices in a browser page need no eval. Devices check
 * every incoming plan with it (src/runtime/plan-change.ts): a file or a published plan may be edited.
 */

import { validate as generatedPlanValidator } from './generated/plan-validator.ts';

/** The parts of an Ajv error used here (no import of ajv: the runtime must reach no package). */
interface ErrorObject {
  readonly keyword: string;
  readonly instancePath: string;
  readonly params: unknown;
  readonly message?: string;
}

const validatePlan = generatedPlanValidator as unknown as ((data: unknown) => boolean) & {
  errors?: readonly ErrorObject[] | null;
};

/** One way a plan misses the schema: where (a JSON Pointer, '' for the whole plan) and what. */
export interface PlanShapeError {
  readonly pointer: string;
  readonly message: string;
}

/** The plan's shape errors, empty when it matches the schema. `if` echoes of `then` errors are left out. */
export function planShapeErrors(plan: unknown): PlanShapeError[] {
  if (validatePlan(plan)) return [];
  return (validatePlan.errors ?? [])
    .filter((e: ErrorObject) => e.keyword !== 'if')
    .map((e: ErrorObject) => ({ pointer: e.instancePath, message: describe(e) }));
}

function describe(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `missing required property ${JSON.stringify(params.missingProperty)}`;
    case 'additionalProperties':
      return `unknown property ${JSON.stringify(params.additionalProperty)}`;
    case 'enum':
      return `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const':
      return `must be ${JSON.stringify(params.allowedValue)}`;
    default:
      return error.message ?? error.keyword;
  }
}
