/**
 * A race-free AUTH TLS for ftp-srv 4.6.3.
 *
 * ftp-srv answers "234" and wraps the control socket in TLS only once the write callback has run
 * and a (bluebird, setImmediate-scheduled) promise step later. A quick client sends its TLS
 * ClientHello as soon as it reads 234; when that arrives in between, ftp-srv parses it as a
 * plain-text command and answers in plain text, and the client fails with "wrong version number"
 * (seen on the first connection after start, about one time in two). This handler writes 234 and
 * wraps the socket in the same tick, so every byte after 234 goes to TLS. It replaces the AUTH
 * entry of ftp-srv's command registry (process-wide; the sandbox is ftp-srv's only user).
 */
import { createRequire } from 'node:module';
import type { Socket } from 'node:net';
import tls from 'node:tls';

interface ConnectionInternals {
  commandSocket: Socket;
  secure: boolean;
  server: { options: { tls?: tls.SecureContextOptions | false } };
  reply(code: number, message?: string): Promise<unknown>;
}

interface CommandRegistration {
  directive: string;
  handler: (this: ConnectionInternals, args: { command: { arg: string | null } }) => unknown;
  [key: string]: unknown;
}

function authTls(this: ConnectionInternals, { command }: { command: { arg: string | null } }): unknown {
  const method = (command.arg ?? '').trim().toUpperCase();
  if (method !== 'TLS') return this.reply(504);
  const options = this.server.options.tls;
  if (!options) return this.reply(502);
  if (this.secure) return this.reply(202);

  const plain = this.commandSocket;
  plain.write('234 Honored\r\n');
  const secureSocket = new tls.TLSSocket(plain, { isServer: true, secureContext: tls.createSecureContext(options) });
  for (const event of ['data', 'timeout', 'end', 'close', 'drain', 'error']) {
    secureSocket.on(event, (...args: unknown[]) => plain.emit(event, ...args));
  }
  this.commandSocket = secureSocket;
  this.secure = true;
  return Promise.resolve();
}

let installed = false;

export function installRaceFreeAuthTls(): void {
  if (installed) return;
  const require = createRequire(import.meta.url);
  const registry = require('ftp-srv/src/commands/registry.js') as Record<string, CommandRegistration>;
  const original = registry.AUTH;
  if (!original) throw new Error('ftp-srv has no AUTH command to replace');
  registry.AUTH = { ...original, handler: authTls };
  installed = true;
}
