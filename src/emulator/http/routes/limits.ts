/** `GET /limits`: the org's limits, with DailyApiRequests counted as Salesforce counts calls. */

import type { EmbeddedOrg } from '../../org.ts';
import type { ApiRouter } from '../api-router.ts';
import { json } from '../api-types.ts';

export function registerLimits(router: ApiRouter, org: EmbeddedOrg): void {
  router.on('GET', '/limits', () => {
    const pageCount = org.db.pragma('page_count', { simple: true }) as number;
    const pageSize = org.db.pragma('page_size', { simple: true }) as number;
    const usedMb = Math.ceil((pageCount * pageSize) / 1_048_576);
    return json(200, {
      ConcurrentAsyncGetReportInstances: { Max: 200, Remaining: 200 },
      DailyApiRequests: { Max: org.usage.dailyMax, Remaining: org.usage.remaining },
      DailyAsyncApexExecutions: { Max: 250_000, Remaining: 250_000 },
      DailyBulkApiBatches: { Max: 15_000, Remaining: 15_000 },
      DailyBulkV2QueryJobs: { Max: 10_000, Remaining: 10_000 },
      DataStorageMB: { Max: 1024, Remaining: Math.max(0, 1024 - usedMb) },
      FileStorageMB: { Max: 2048, Remaining: 2048 },
      HourlyODataCallout: { Max: 10_000, Remaining: 10_000 },
      SingleEmail: { Max: 5000, Remaining: 5000 },
    });
  });
}
