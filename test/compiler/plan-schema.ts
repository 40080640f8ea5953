import ajv2020Module from 'ajv/dist/2020.js';
import planSchema from '../../schemas/sync-plan.schema.json' with { type: 'json' };

const Ajv2020 = ajv2020Module.default;
const validatePlanJson = new Ajv2020({ allErrors: true, strict: true }).compile(planSchema);

/** Errors of `plan` against schemas/sync-plan.schema.json, as `pointer message` lines (empty when valid). */
export function planSchemaErrors(plan: unknown): string[] {
  return validatePlanJson(plan)
    ? []
    : (validatePlanJson.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
