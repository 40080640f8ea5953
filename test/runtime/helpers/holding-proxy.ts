/**
 * A real HTTP hop between a device process and the embedded org that can hold back one request, as a slow
 * network does: before it reaches the org ('request': the org has not processed it yet) or after the
 * org answered ('response': the org has processed and committed it, the device has not heard back).
 * Tests then start a second process, or SIGKILL the first, at a moment they choose instead of a timing.
 */

import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HeldRequest {
  readonly method: string;
  readonly url: string;
  /** Lets it go on: forwards it (or delivers the held answer). */
  release(): void;
}

export interface HoldingProxy {
  readonly url: string;
  /** Holds the next request that `matches`, at `stage`; resolves when one is held. */
  holdNext(
    stage: 'request' | 'response',
    matches: (method: string, url: string, body: string) => boolean,
  ): Promise<HeldRequest>;
  close(): Promise<void>;
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

export async function startHoldingProxy(target: string): Promise<HoldingProxy> {
  let rule:
    | {
        stage: 'request' | 'response';
        matches: (method: string, url: string, body: string) => boolean;
        held: (request: HeldRequest) => void;
      }
    | undefined;
  const server = createServer((request, reply) => {
    void (async () => {
      const body = await readBody(request);
      const method = request.method ?? 'GET';
      const url = request.url ?? '/';
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers))
        if (typeof value === 'string' && !['host', 'connection', 'content-length'].includes(name))
          headers[name] = value;
      const forward = () =>
        fetch(`${target}${url}`, {
          method,
          headers,
          ...(body.length ? { body: new Uint8Array(body) } : {}),
        });
      const deliver = async (answer: Response) => {
        const content = Buffer.from(await answer.arrayBuffer());
        const type = answer.headers.get('content-type');
        reply.writeHead(answer.status, type ? { 'content-type': type } : {});
        reply.end(content);
      };
      reply.on('error', () => {});
      const current = rule;
      if (current && current.matches(method, url, body.toString('utf8'))) {
        rule = undefined;
        if (current.stage === 'request') {
          current.held({ method, url, release: () => void forward().then(deliver) });
          return;
        }
        const answer = await forward();
        current.held({ method, url, release: () => void deliver(answer) });
        return;
      }
      await deliver(await forward());
    })().catch(() => reply.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    holdNext: (stage, matches) =>
      new Promise((held) => {
        rule = { stage, matches, held };
      }),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
