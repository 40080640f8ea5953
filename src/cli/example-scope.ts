/**
 * The example scope `start` opens and `app` publishes when given none: examples/ beside src/ in a
 * checkout, and beside lib/ (the compiled CLI, at the same depth) in a checkout or an installed package.
 */

import { fileURLToPath } from 'node:url';

export const EXAMPLE_SCOPE = fileURLToPath(
  new URL('../../examples/field-technician.scope.json', import.meta.url),
);
