/**
 * A tiny IMAP responder on 127.0.0.1 for tests of credential leaks: it greets with `* OK`, answers
 * CAPABILITY and LOGOUT, and refuses every LOGIN or AUTHENTICATE with a tagged `NO` whose text echoes the
 * credentials it received: the password, the SASL PLAIN blob and both in base64, as a careless server
 * might. Real IMAP over TCP: the client under test talks to it as to any server.
 *
 * @example
 * ```ts
 * const imap = await startImapEchoServer();
 * // ...connect with host imap.host, port imap.port, any user and password: the login is refused...
 * expect(imap.logins).toBe(1);
 * await imap.close();
 * ```
 */
import { createServer, type Socket } from 'node:net';

/** Options for {@link startImapEchoServer}. */
export interface StartImapEchoServerOptions {
  /**
   * `plain` (default) advertises AUTH=PLAIN, so clients send `AUTHENTICATE PLAIN` with a base64 blob;
   * `login` advertises no SASL mechanism, so clients send `LOGIN user password`.
   */
  mechanism?: 'plain' | 'login';
}

/** A running IMAP echo responder. */
export interface ImapEchoServer {
  /** Always `127.0.0.1`. */
  host: string;
  /** The port it listens on. */
  port: number;
  /** How many LOGIN or AUTHENTICATE commands it refused so far. */
  readonly logins: number;
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/** Starts the responder on a free loopback port; resolves once it listens. */
export async function startImapEchoServer(options: StartImapEchoServerOptions = {}): Promise<ImapEchoServer> {
  const capabilities = options.mechanism === 'login' ? 'IMAP4rev1' : 'IMAP4rev1 AUTH=PLAIN';
  const sockets = new Set<Socket>();
  let logins = 0;
  const refuse = (socket: Socket, tag: string, user: string, password: string) => {
    logins++;
    const blob = base64(`\0${user}\0${password}`);
    socket.write(
      `${tag} NO [AUTHENTICATIONFAILED] Invalid credentials for ${user}: password ${password}, ` +
        `base64 ${base64(password)}, PLAIN ${blob}, basic ${base64(`${user}:${password}`)}\r\n`,
    );
  };
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.write(`* OK [CAPABILITY ${capabilities}] echo responder ready\r\n`);
    // Bytes as latin1 text, so literal sizes ({N} counts bytes) match string lengths.
    let buffered = '';
    let command = '';
    let literalBytes = 0;
    let pendingPlain: string | undefined;
    socket.on('data', (chunk) => {
      buffered += chunk.toString('latin1');
      for (;;) {
        if (literalBytes > 0) {
          if (buffered.length < literalBytes) return;
          command += `"${buffered.slice(0, literalBytes).replace(/["\\]/g, '\\$&')}"`;
          buffered = buffered.slice(literalBytes);
          literalBytes = 0;
        }
        const end = buffered.indexOf('\r\n');
        if (end < 0) return;
        const part = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        const literal = /\{(\d+)\}$/.exec(part);
        if (literal) {
          // A synchronising literal: ask for its bytes, which continue the same command.
          command += part.slice(0, -literal[0].length);
          literalBytes = Number(literal[1]);
          socket.write('+ go ahead\r\n');
          continue;
        }
        const line = command + part;
        command = '';
        if (pendingPlain !== undefined) {
          const tag = pendingPlain;
          pendingPlain = undefined;
          const [, user = '', password = ''] = Buffer.from(line, 'base64').toString('utf8').split('\0');
          refuse(socket, tag, user, password);
          continue;
        }
        const [tag = '*', verb = '', ...rest] = line.split(' ');
        switch (verb.toUpperCase()) {
          case 'CAPABILITY':
            socket.write(`* CAPABILITY ${capabilities}\r\n${tag} OK done\r\n`);
            break;
          case 'LOGIN': {
            const [user = '', password = ''] = loginArguments(rest.join(' '));
            refuse(socket, tag, user, password);
            break;
          }
          case 'AUTHENTICATE':
            if (rest[1]) {
              const [, user = '', password = ''] = Buffer.from(rest[1], 'base64')
                .toString('utf8')
                .split('\0');
              refuse(socket, tag, user, password);
            } else {
              pendingPlain = tag;
              socket.write('+ \r\n');
            }
            break;
          case 'LOGOUT':
            socket.end(`* BYE logging out\r\n${tag} OK done\r\n`);
            break;
          default:
            socket.write(`${tag} BAD unknown command\r\n`);
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    host: '127.0.0.1',
    port: typeof address === 'object' && address ? address.port : 0,
    get logins() {
      return logins;
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The two arguments of LOGIN: atoms or quoted strings (backslash escapes), as RFC 3501 allows. */
function loginArguments(text: string): string[] {
  const values: string[] = [];
  const pattern = /"((?:[^"\\]|\\.)*)"|(\S+)/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    values.push(match[1] !== undefined ? match[1].replace(/\\(.)/g, '$1') : (match[2] as string));
  }
  return values;
}
