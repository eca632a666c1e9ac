// `npm start`: one Node process that builds the client if its sources changed, then runs the
// server in-process. With no shell chain and no tsx child, the SIGTERM or SIGINT that npm passes
// on reaches the server itself, which closes HTTP and the database and exits.
import { ensureClientBuild } from './ensure-client-build.js';

await ensureClientBuild();
await import('../main.js');
