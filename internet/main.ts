// CLI: `node dist/internet/main.js [--port N] [--https-port N]` starts the test
// internet and prints one JSON ready line; SIGINT/SIGTERM stop it.
// `--hosts` prints every host, one a line (input of tls/make-cert.sh), and exits.

import { allHosts, startTestInternet } from './server.js';

function portArg(args: string[], name: string): number | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const n = Number(args[i + 1]);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${name} needs a port number`);
  return n;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--hosts')) {
    process.stdout.write(`${allHosts.join('\n')}\n`);
    return;
  }
  const internet = await startTestInternet({ port: portArg(args, '--port'), httpsPort: portArg(args, '--https-port') });
  process.stdout.write(
    `${JSON.stringify({
      proxy: internet.proxyUrl,
      hostResolverRules: internet.hostResolverRules,
      httpPort: internet.httpPort,
      httpsPort: internet.httpsPort,
      seeds: internet.seeds,
      pid: process.pid,
    })}\n`,
  );
  const stop = (): void => {
    void internet.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`test internet: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
