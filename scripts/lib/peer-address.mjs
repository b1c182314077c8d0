// Preloaded into the server process (`node --import`, see serveEnv in ./setup.mjs). Next.js keeps an
// X-Forwarded-For header the client sent and only fills it in from the socket when there is none,
// so the route handlers cannot tell the connecting address from one a client made up. This puts
// the socket's address on every request under a header name chosen at random for this process
// (in WARDEN_PEER_HEADER), overwriting whatever a client sent: lib/auth/request-meta.ts reads it.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';

const header = `x-warden-peer-${randomBytes(12).toString('hex')}`;
process.env.WARDEN_PEER_HEADER = header;

for (const Server of [http.Server, https.Server]) {
  const emit = Server.prototype.emit;
  Server.prototype.emit = function emitWithPeer(event, ...args) {
    if (event === 'request') {
      const request = args[0];
      request.headers[header] = request.socket?.remoteAddress ?? '';
    }
    return emit.call(this, event, ...args);
  };
}
