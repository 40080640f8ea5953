/**
 * Test controls under `/__emulator/` (admin token only, even after `expireSessions`):
 * - `GET|POST|DELETE /__emulator/clock`: `{"now": iso, "running"?: bool}` or `{"advanceSeconds": n}`;
 *   answers `{"now": iso, "running": bool}`. A set clock stands still unless `running` is true;
 *   DELETE returns to real time.
 * - `GET|POST|DELETE /__emulator/faults`: failNext/status/errorCode/message/path, latencyMs,
 *   expireSessions, dropConnectionNext (before processing), dropResponseNext (after committing),
 *   responseLatencyMs/responseLatencyPath (the answer held after committing), apiLimitRemaining. DELETE clears them all and makes expired
 *   tokens valid again.
 * - `POST /__emulator/late-commit` `{object, id, secondsAgo}`: restamps a record as a transaction that
 *   started `secondsAgo` seconds ago and committed now would have left it.
 * - `POST /__emulator/system-update` `{object, id}`: a system change (SystemModstamp only).
 * - `POST /__emulator/transactions` `{secondsAgo?}` opens a simulated long transaction (updated/deleted
 *   stop covering at its start); `POST /__emulator/transactions/{id}/commit` `{records: [{object, id}]}`
 *   restamps those records to its start and closes it.
 * - `GET|DELETE /__emulator/stats`: `{apiCalls, requests, byPath}`.
 * - `POST /__emulator/sessions` `{"userId"?: id}`: a new access token for that user (default admin).
 * - `POST /__emulator/sessions/expire` `{"userId": id}`: that user's access tokens time out (the next
 *   call with one answers 401 INVALID_SESSION_ID for good); their refresh tokens still work, so a client
 *   can test its refresh. Answers `{"userId", "expired": <tokens ended>}`.
 */

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../api-error.ts';
import { toId18 } from '../ids.ts';
import type { EmbeddedOrg } from '../org.ts';
import { parseDatetime, restDatetime } from '../store/field-codec.ts';
import { bearerToken, sendApiResponse, sendError } from './reply.ts';

function objectBody(body: unknown): Record<string, unknown> {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body))
    throw new ApiError(400, 'JSON_PARSER_ERROR', 'expected a JSON object');
  return body as Record<string, unknown>;
}

export function registerControls(app: FastifyInstance, org: EmbeddedOrg): void {
  const ok = (body: unknown) => ({ status: 200, body });

  app.register(
    async (controls) => {
      controls.addHook('onRequest', async (request: FastifyRequest, reply) => {
        if (bearerToken(request) !== org.adminToken)
          return sendError(
            reply,
            new ApiError(401, 'INVALID_SESSION_ID', 'Test controls need the admin access token'),
          );
        return undefined;
      });

      controls.get('/clock', async (_request, reply) => sendApiResponse(reply, ok(org.clock.state())));
      controls.delete('/clock', async (_request, reply) => {
        org.clock.reset();
        return sendApiResponse(reply, ok(org.clock.state()));
      });
      controls.post('/clock', async (request, reply) => {
        const body = objectBody(request.body);
        if (body.now !== undefined) {
          const stored = typeof body.now === 'string' ? parseDatetime(body.now) : undefined;
          if (!stored)
            throw new ApiError(400, 'INVALID_FIELD', `"now" must be an ISO 8601 datetime`, ['now']);
          org.clock.set(new Date(stored), body.running === true);
        }
        if (body.advanceSeconds !== undefined) {
          if (typeof body.advanceSeconds !== 'number' || !Number.isFinite(body.advanceSeconds))
            throw new ApiError(400, 'INVALID_FIELD', '"advanceSeconds" must be a number', ['advanceSeconds']);
          org.clock.advance(body.advanceSeconds);
        }
        if (body.now === undefined && body.advanceSeconds === undefined)
          throw new ApiError(400, 'MISSING_ARGUMENT', 'give "now" (ISO 8601) or "advanceSeconds"');
        return sendApiResponse(reply, ok(org.clock.state()));
      });

      controls.get('/faults', async (_request, reply) =>
        sendApiResponse(reply, ok({ ...org.faults.state(), apiLimitRemaining: org.usage.remaining })),
      );
      controls.post('/faults', async (request, reply) => {
        const body = objectBody(request.body);
        org.faults.apply(body);
        if (body.expireSessions === true) org.expireSessions();
        if (body.apiLimitRemaining !== undefined) {
          if (typeof body.apiLimitRemaining !== 'number' || body.apiLimitRemaining < 0)
            throw new ApiError(400, 'INVALID_FIELD', '"apiLimitRemaining" must be a non-negative number', [
              'apiLimitRemaining',
            ]);
          org.usage.setRemaining(body.apiLimitRemaining);
        }
        return sendApiResponse(reply, ok({ ...org.faults.state(), apiLimitRemaining: org.usage.remaining }));
      });
      controls.delete('/faults', async (_request, reply) => {
        org.faults.clear();
        org.usage.setRemaining(undefined);
        org.reviveSessions();
        return sendApiResponse(reply, ok({ ...org.faults.state(), apiLimitRemaining: org.usage.remaining }));
      });

      controls.post('/late-commit', async (request, reply) => {
        const body = objectBody(request.body);
        const { object, id, secondsAgo } = body;
        if (
          typeof object !== 'string' ||
          typeof id !== 'string' ||
          typeof secondsAgo !== 'number' ||
          secondsAgo < 0
        )
          throw new ApiError(400, 'MISSING_ARGUMENT', 'give {"object": T, "id": I, "secondsAgo": N (>= 0)}');
        const type = org.store.describe(object).name;
        const id18 = toId18(id);
        const row = id18 ? org.store.row(type, id18) : undefined;
        if (!id18 || !row) throw new ApiError(404, 'NOT_FOUND', `no ${type} record ${id}`);
        const stamp = new Date(org.clock.nowMs() - secondsAgo * 1000).toISOString();
        const columns = ['LastModifiedDate', 'SystemModstamp'];
        if (row.CreatedDate === row.LastModifiedDate) columns.push('CreatedDate');
        const values = Object.fromEntries(columns.map((c) => [c, stamp]));
        org.store.updateColumns(
          type,
          id18,
          values,
          columns.filter((c) => org.store.field(type, c)),
        );
        return sendApiResponse(
          reply,
          ok({ id: id18, LastModifiedDate: restDatetime(stamp), SystemModstamp: restDatetime(stamp) }),
        );
      });

      // Simulated long transactions: while one is open, updated/deleted do not cover past its start;
      // committing restamps the records it wrote to its start time (as a late commit leaves them).
      let transactionCounter = 0;
      controls.post('/transactions', async (request, reply) => {
        const body = objectBody(request.body);
        const secondsAgo = body.secondsAgo ?? 0;
        if (typeof secondsAgo !== 'number' || secondsAgo < 0)
          throw new ApiError(400, 'INVALID_FIELD', '"secondsAgo" must be a non-negative number', [
            'secondsAgo',
          ]);
        const id = `tx${++transactionCounter}`;
        const started = org.clock.nowMs() - secondsAgo * 1000;
        org.openTransactions.set(id, started);
        return sendApiResponse(reply, ok({ id, startedAt: new Date(started).toISOString() }));
      });
      controls.post('/transactions/:tx/commit', async (request, reply) => {
        const { tx } = request.params as { tx: string };
        const started = org.openTransactions.get(tx);
        if (started === undefined) throw new ApiError(404, 'NOT_FOUND', `no open transaction ${tx}`);
        const body = objectBody(request.body);
        const records = Array.isArray(body.records)
          ? (body.records as { object?: unknown; id?: unknown }[])
          : [];
        const stamp = new Date(started).toISOString();
        const restamped: string[] = [];
        for (const record of records) {
          if (typeof record.object !== 'string' || typeof record.id !== 'string')
            throw new ApiError(400, 'MISSING_ARGUMENT', 'each of "records" needs "object" and "id"');
          const type = org.store.describe(record.object).name;
          const id18 = toId18(record.id);
          const row = id18 ? org.store.row(type, id18) : undefined;
          if (!id18 || !row) throw new ApiError(404, 'NOT_FOUND', `no ${type} record ${record.id}`);
          const columns = ['LastModifiedDate', 'SystemModstamp'];
          if (row.CreatedDate === row.LastModifiedDate) columns.push('CreatedDate');
          org.store.updateColumns(
            type,
            id18,
            Object.fromEntries(columns.map((c) => [c, stamp])),
            columns.filter((c) => org.store.field(type, c)),
          );
          restamped.push(id18);
        }
        org.openTransactions.delete(tx);
        return sendApiResponse(reply, ok({ id: tx, committedAt: org.clock.now().toISOString(), restamped }));
      });

      // A system change (roll-up, picklist rename, internal process): SystemModstamp moves, LastModifiedDate not.
      controls.post('/system-update', async (request, reply) => {
        const body = objectBody(request.body);
        const { object, id } = body;
        if (typeof object !== 'string' || typeof id !== 'string')
          throw new ApiError(400, 'MISSING_ARGUMENT', 'give {"object": T, "id": I}');
        const type = org.store.describe(object).name;
        const id18 = toId18(id);
        if (!id18 || !org.store.row(type, id18))
          throw new ApiError(404, 'NOT_FOUND', `no ${type} record ${id}`);
        const stamp = org.clock.now().toISOString();
        org.store.updateColumns(type, id18, { SystemModstamp: stamp }, ['SystemModstamp']);
        return sendApiResponse(reply, ok({ id: id18, SystemModstamp: restDatetime(stamp) }));
      });

      controls.get('/stats', async (_request, reply) => sendApiResponse(reply, ok(org.usage.stats())));
      controls.delete('/stats', async (_request, reply) => {
        org.usage.resetStats();
        return sendApiResponse(reply, ok(org.usage.stats()));
      });

      controls.post('/sessions', async (request, reply) => {
        const body = objectBody(request.body);
        const userId = typeof body.userId === 'string' ? toId18(body.userId) : org.adminUserId;
        const user = userId ? org.store.row('User', userId) : undefined;
        if (!userId || !user || user.IsActive !== 1)
          throw new ApiError(404, 'NOT_FOUND', `no active user ${String(body.userId)}`);
        return sendApiResponse(reply, ok({ accessToken: org.createSession(userId), userId }));
      });
      controls.post('/sessions/expire', async (request, reply) => {
        const body = objectBody(request.body);
        const userId = typeof body.userId === 'string' ? toId18(body.userId) : undefined;
        if (!userId || !org.store.row('User', userId))
          throw new ApiError(
            400,
            'MISSING_ARGUMENT',
            `give {"userId": <the Id of a user>}, got ${JSON.stringify(body.userId)}`,
            ['userId'],
          );
        return sendApiResponse(reply, ok({ userId, expired: org.endSessionsOfUser(userId) }));
      });
    },
    { prefix: '/__emulator' },
  );
}
