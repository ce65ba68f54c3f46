#!/usr/bin/env node
import { runCli } from '../cli.js';

try {
  const outcome = await runCli(process.argv.slice(2));
  if (typeof outcome === 'number') {
    process.exitCode = outcome;
  } else {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      outcome.close().then(
        () => {
          process.stdout.write(`KooDrive mock server stopped (${signal})\n`);
          process.exit(0);
        },
        (error: unknown) => {
          process.stderr.write(`koodrive-mock-server: ${error instanceof Error ? error.message : String(error)}\n`);
          process.exit(1);
        },
      );
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  }
} catch (error) {
  // e.g. EADDRINUSE: a clear message, no stack.
  process.stderr.write(`koodrive-mock-server: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
