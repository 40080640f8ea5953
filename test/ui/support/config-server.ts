/**
 * The real config server over the embedded demo org, started in the test runner's Node process for the
 * browser tests that call /api (preview, publish, the device simulator). No page build: the tests serve
 * the components themselves.
 */
import { connectOrg } from '../../../src/cli/connect-org.ts';
import { startConfigServer } from '../../../src/server/config-server.ts';

export interface TestConfigServer {
  readonly url: string;
  close(): Promise<void>;
}

export async function startTestConfigServer(): Promise<TestConfigServer> {
  const org = await connectOrg({});
  try {
    const server = await startConfigServer({ org, scopeFile: null, port: 0, uiDir: null });
    return {
      url: server.url,
      close: async () => {
        await server.close();
        await org.close();
      },
    };
  } catch (error) {
    await org.close();
    throw error;
  }
}
