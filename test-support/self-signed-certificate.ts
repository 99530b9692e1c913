/** A throwaway TLS certificate for test servers (SMTP STARTTLS, IMAP over TLS). */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** PEM key and certificate. */
export interface Certificate {
  /** Private key (PEM). */
  key: Buffer;
  /** Self-signed certificate (PEM). */
  cert: Buffer;
}

let cachedCertificate: Certificate | undefined;

/**
 * A self-signed certificate and key for `localhost`/127.0.0.1, made once per process with `openssl`.
 * Clients must set `tlsRejectUnauthorized: false` to accept it.
 */
export function selfSignedCertificate(): Certificate {
  if (cachedCertificate) return cachedCertificate;
  const dir = mkdtempSync(join(tmpdir(), 'agentry-cert-'));
  try {
    const keyFile = join(dir, 'key.pem');
    const certFile = join(dir, 'cert.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost,IP:127.0.0.1',
        '-keyout',
        keyFile,
        '-out',
        certFile,
      ],
      { stdio: 'ignore' },
    );
    cachedCertificate = { key: readFileSync(keyFile), cert: readFileSync(certFile) };
    return cachedCertificate;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
