/**
 * A fresh self-signed certificate for explicit FTPS, made at start. Its PEM is what a client
 * must trust (the connector's ftp_tls_ca_certificate).
 */
import { isIP } from 'node:net';
import { generate } from 'selfsigned';

export interface TlsMaterial {
  /** PEM private key. */
  key: string;
  /** PEM certificate; also the CA certificate a client must trust. */
  cert: string;
}

/** Certificate for 127.0.0.1 and localhost, plus `host` when it is something else. */
export async function generateCertificate(host = '127.0.0.1'): Promise<TlsMaterial> {
  type AltName = { type: 2; value: string } | { type: 7; ip: string };
  const altNames: AltName[] = [
    { type: 7, ip: '127.0.0.1' },
    { type: 2, value: 'localhost' },
  ];
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '0.0.0.0' && host !== '::') {
    altNames.push(isIP(host) ? { type: 7, ip: host } : { type: 2, value: host });
  }
  const now = Date.now();
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }, { name: 'organizationName', value: 'Kroll sandbox' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now - 24 * 3600 * 1000),
    notAfterDate: new Date(now + 2 * 365 * 24 * 3600 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}
