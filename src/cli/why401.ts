// The Node entry of the bundled CLI (dist/cli/why401.mjs); bin/why401.mjs calls run().
import { main } from './main.ts';

export async function run(argv: readonly string[] = process.argv.slice(2)): Promise<number> {
  // `why401 … | head` closes the pipe early: that is not an error worth a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
  });
  return main(argv, {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
  });
}
