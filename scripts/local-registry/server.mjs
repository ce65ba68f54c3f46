// Child process of scripts/local-registry/start.mjs: one Verdaccio on 127.0.0.1, a port the system picks, with
// the configuration file given as argv[2]. Prints `{"port":N}` on a line of its own once it listens; stops on
// SIGTERM (by PID, from the parent).
import { runServer } from 'verdaccio';

const configFile = process.argv[2];
if (configFile === undefined) {
  console.error('usage: node server.mjs <verdaccio config.yaml>');
  process.exit(2);
}
const server = await runServer(configFile);
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
