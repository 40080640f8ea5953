/**
 * `npm run build:pages` (and `prepack`, so `npm pack` and `npm publish` run it): builds the config tool
 * page (dist/ui) and the field app (dist/app) with Vite, as `serve`, `start` and `app` would on their
 * first run. The package ships them prebuilt: an installed package has neither the page sources nor Vite
 * (a dev dependency), and ui-build.ts serves a stamped build as it is when its sources are absent.
 */

import { ensureFieldAppBuilt } from '../src/server/app-server.ts';
import { ensureUiBuilt } from '../src/server/ui-build.ts';

const log = (line: string): void => console.error(`build:pages: ${line}`);
const ui = await ensureUiBuilt({ log });
if (!ui) throw new Error('src/ui/index.html is missing: nothing to build');
log(`${ui.dir} ${ui.built ? 'built' : 'up to date'}`);
log(`${await ensureFieldAppBuilt(log)} ready`);
