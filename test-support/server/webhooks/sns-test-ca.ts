/**
 * Test support: Amazon SNS as far as a subscriber sees it, on this machine. A test CA issues the
 * TLS certificate of `sns.us-west-2.amazonaws.com` (the host of the documented examples'
 * `SigningCertURL`); a real HTTPS server with it serves the signing certificate at any `….pem`
 * path; a certificate source trusts only that CA and resolves the host to 127.0.0.1. Messages are
 * signed as SNS signs them (RSA over SHA-1 or SHA-256 of the string to sign) with the signing key.
 * Keys and certificates are made by the `openssl` command, fresh for each run.
 */
import { execFileSync } from 'node:child_process';
import { sign } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo, LookupFunction } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { httpsCertificates, snsStringToSign, type CertificateSource } from '../../../src/server/mail/webhooks/sns.ts';

/** The SNS host of the documented examples. */
export const snsHost = 'sns.us-west-2.amazonaws.com';

/** A key and its certificate, PEM. */
export interface KeyPair {
	key: string;
	cert: string;
}

/** The local SNS. */
export interface TestSns {
	/** The CA the HTTPS server's certificate chains to. */
	ca: string;
	/** The key SNS signs with, and its certificate (valid for two days from now). */
	signing: KeyPair;
	/** A key and certificate nobody serves: a forger's. */
	stranger: KeyPair;
	/** A source that trusts only the test CA and reaches the local server for {@link snsHost}. */
	certificates: CertificateSource;
	/** A source for the same server that trusts another CA (as a source with the system's CAs would). */
	untrusting: CertificateSource;
	/** The certificate paths asked for, in order. */
	requests: string[];
	/** Signs an SNS message (all its fields but `Signature`), as SNS would. */
	sign(message: Record<string, unknown>, options?: { version?: '1' | '2'; key?: string }): Record<string, unknown>;
	close(): Promise<void>;
}

function openssl(dir: string, args: string[]): void {
	execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
}

/** Makes a CA, a TLS certificate for {@link snsHost} from it, two signing pairs; starts the HTTPS server. */
export async function startTestSns(): Promise<TestSns> {
	const dir = mkdtempSync(join(tmpdir(), 'sns-test-'));
	try {
		const selfSigned = (name: string, subject: string) =>
			openssl(dir, ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.pem`, '-days', '2', '-subj', subject]);
		selfSigned('ca', '/CN=Signup test CA');
		selfSigned('signing', '/CN=sns.amazonaws.com');
		selfSigned('stranger', '/CN=sns.amazonaws.com');
		selfSigned('other-ca', '/CN=Another test CA');
		openssl(dir, ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'tls.key', '-out', 'tls.csr', '-subj', `/CN=${snsHost}`]);
		writeFileSync(join(dir, 'san.ext'), `subjectAltName=DNS:${snsHost}\n`);
		openssl(dir, ['x509', '-req', '-in', 'tls.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'tls.pem', '-days', '2', '-extfile', 'san.ext']);
		const read = (name: string) => readFileSync(join(dir, name), 'utf8');
		const pair = (name: string): KeyPair => ({ key: read(`${name}.key`), cert: read(`${name}.pem`) });
		const ca = read('ca.pem');
		const signing = pair('signing');
		const stranger = pair('stranger');
		const otherCa = read('other-ca.pem');
		const tls = pair('tls');

		const requests: string[] = [];
		const server: Server = createServer({ key: tls.key, cert: tls.cert }, (request, response) => {
			requests.push(request.url ?? '');
			if (!(request.url ?? '').endsWith('.pem')) {
				response.writeHead(404).end();
				return;
			}
			response.writeHead(200, { 'Content-Type': 'application/x-pem-file' }).end(signing.cert);
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const port = (server.address() as AddressInfo).port;
		const lookup: LookupFunction = (hostname, options, callback) => {
			if (hostname !== snsHost) {
				callback(Object.assign(new Error(`no such host ${hostname} here`), { code: 'ENOTFOUND' }), '', 4);
				return;
			}
			if ((options as { all?: boolean }).all) (callback as unknown as (error: null, addresses: { address: string; family: number }[]) => void)(null, [{ address: '127.0.0.1', family: 4 }]);
			else callback(null, '127.0.0.1', 4);
		};
		return {
			ca,
			signing,
			stranger,
			certificates: httpsCertificates({ ca, lookup, port }),
			untrusting: httpsCertificates({ ca: otherCa, lookup, port }),
			requests,
			sign(message, options = {}) {
				const version = options.version ?? '1';
				const unsigned = { ...message, SignatureVersion: version };
				const signature = sign(version === '1' ? 'sha1' : 'sha256', Buffer.from(snsStringToSign(unsigned), 'utf8'), options.key ?? signing.key).toString('base64');
				return { ...unsigned, Signature: signature };
			},
			close: () => {
				server.closeAllConnections();
				return new Promise<void>((resolve) => server.close(() => resolve()));
			},
		};
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}
