import { createServer, request as httpRequest } from 'node:http';
import { listenOnLoopback, type SeenRequest, seenRequest } from './loopback-server.js';

/**
 * A loopback reverse proxy that records the `Authorization`, `X-User-Id` and `X-Date` each request carried, then
 * forwards it unchanged to `target` (e.g. the mock provider, which enforces the X-Date window): the test sees
 * exactly what the provider received and the provider still decides. Random port.
 */
export async function startRecordingProxy(
  target: string,
): Promise<{ url: string; requests: SeenRequest[]; close(): Promise<void> }> {
  const requests: SeenRequest[] = [];
  const targetUrl = new URL(target);
  const server = createServer((req, res) => {
    requests.push(seenRequest(req));
    const upstream = httpRequest(
      {
        hostname: targetUrl.hostname,
        port: targetUrl.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: targetUrl.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      res.writeHead(502, { 'Content-Type': 'application/json' });
      res.end('{"code":502000,"msg":"The recording proxy could not reach the provider"}');
    });
    req.pipe(upstream);
  });
  return { ...(await listenOnLoopback(server)), requests };
}
