// Tests must never reach Discord, Slack, arXiv or Hugging Face: every outbound TCP connection that is
// not to loopback fails at once instead of hanging or, worse, succeeding.
import net from 'node:net';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '::ffff:127.0.0.1']);
const originalConnect = net.Socket.prototype.connect;

function hostOf(args: unknown[]): string | undefined {
  const [first] = args;
  if (typeof first === 'object' && first !== null && !Array.isArray(first)) {
    const options = first as { host?: string; path?: string };
    if (options.path) return undefined; // unix socket
    return options.host ?? 'localhost';
  }
  if (typeof first === 'number' || typeof first === 'string') {
    const second = args[1];
    return typeof second === 'string' ? second : 'localhost';
  }
  return undefined;
}

net.Socket.prototype.connect = function patchedConnect(this: net.Socket, ...args: unknown[]) {
  const host = hostOf(args);
  if (host !== undefined && !LOOPBACK.has(host)) {
    throw new Error(`blocked connection to ${host}: tests may only reach 127.0.0.1`);
  }
  return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof net.Socket.prototype.connect;
