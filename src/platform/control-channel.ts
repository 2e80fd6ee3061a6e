// The running server's control channel: a Unix socket usable only by the operating-system user
// that runs Waymark (mode 0600), named in the data folder's lock file. It lives in the temporary
// folder, not the data folder: the embedded database's backup is a copy of the data folder,
// which a socket cannot be part of. One process owns an embedded data folder, so a command that needs the
// database while the server runs (`waymark backup`) asks the server to do it. Nothing is
// reachable over the network: whoever can use the socket could already read the data folder.
//
// Protocol: the client sends one JSON line, {"command": "backup"}; the server answers one JSON
// line, {"ok": true, "bytes": N} followed by N bytes, or {"ok": false, "error": "..."}.
import { createHash } from 'node:crypto';
import { chmodSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export type ControlHandler = () => Promise<Buffer>;

/** The socket for a data folder: one per folder, short enough for a Unix socket's path. */
export function controlSocketPath(dataDir: string): string {
  const hash = createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 16);
  return path.join(tmpdir(), `waymark-${hash}.sock`);
}

function answer(socket: Socket, handlers: Record<string, ControlHandler>, line: string) {
  let command: unknown;
  try {
    command = (JSON.parse(line) as { command?: unknown }).command;
  } catch {
    command = undefined;
  }
  const handler = typeof command === 'string' ? handlers[command] : undefined;
  if (!handler) {
    socket.end(`${JSON.stringify({ ok: false, error: `unknown command ${String(command)}` })}\n`);
    return;
  }
  handler().then(
    (bytes) => {
      socket.write(`${JSON.stringify({ ok: true, bytes: bytes.length })}\n`);
      socket.end(bytes);
    },
    (error: unknown) =>
      socket.end(`${JSON.stringify({ ok: false, error: (error as Error).message })}\n`),
  );
}

export async function startControlChannel(
  socketPath: string,
  handlers: Record<string, ControlHandler>,
): Promise<{ path: string; close(): Promise<void> }> {
  // The caller holds the data folder's lock, so a socket left here is a dead server's.
  rmSync(socketPath, { force: true });
  const server: Server = createServer((socket) => {
    let buffered = '';
    socket.on('data', (chunk) => {
      buffered += chunk.toString('utf8');
      const end = buffered.indexOf('\n');
      if (end >= 0) answer(socket, handlers, buffered.slice(0, end));
      if (buffered.length > 10_000) socket.destroy();
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve());
  });
  chmodSync(socketPath, 0o600);
  server.unref();
  return {
    path: socketPath,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        rmSync(socketPath, { force: true });
      }),
  };
}

/** Sends a command to a running server and returns the bytes it answers with. */
export function sendControlCommand(socketPath: string, command: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(socketPath);
    const chunks: Buffer[] = [];
    socket.on('connect', () => socket.write(`${JSON.stringify({ command })}\n`));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const all = Buffer.concat(chunks);
      const end = all.indexOf(0x0a);
      let header: { ok?: boolean; bytes?: number; error?: string };
      try {
        header = JSON.parse(all.subarray(0, end).toString('utf8')) as typeof header;
      } catch {
        reject(new Error('the server gave an answer that could not be read'));
        return;
      }
      const body = all.subarray(end + 1);
      if (!header.ok) reject(new Error(header.error ?? 'the server refused'));
      else if (body.length !== header.bytes)
        reject(
          new Error(`the server's answer was cut short (${body.length} of ${header.bytes} bytes)`),
        );
      else resolve(body);
    });
  });
}
