/**
 * @web/test-runner plugin: `executeServerCommand('closed-port')` answers a 127.0.0.1 port nothing listens
 * on (bound by the OS, then closed), so a browser test can make a real fetch that the network refuses.
 */
import { createServer } from 'node:net';

export function closedPortPlugin() {
  return {
    name: 'syncscope-closed-port',
    /** @param {{ command: string }} args */
    async executeCommand({ command }) {
      if (command !== 'closed-port') return undefined;
      const server = createServer();
      await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      await new Promise((resolve) => server.close(() => resolve(undefined)));
      return port;
    },
  };
}
