import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// @salesforce/core writes $HOME/.sfdx; keep tests away from the developer's real login.
process.env.HOME = mkdtempSync(join(tmpdir(), 'syncscope-home-'));
process.env.SF_DISABLE_TELEMETRY = 'true';
process.env.SF_DISABLE_LOG_FILE = 'true';
process.env.SF_USE_GENERIC_UNIX_KEYCHAIN = 'true';
