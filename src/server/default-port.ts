/** The config tool's port when none is given: apart from config-server.ts so `--help` loads no fastify. */
export const DEFAULT_PORT = 5317;
