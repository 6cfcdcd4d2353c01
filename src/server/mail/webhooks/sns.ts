/**
 * Amazon SNS message signatures, checked as AWS documents them
 * (https://docs.aws.amazon.com/sns/latest/dg/sns-verify-signature-of-message.html): the string to
 * sign is `<name>\n<value>\n` for a fixed list of fields in byte order, the signature is RSA over
 * its SHA-1 (`SignatureVersion` 1) or SHA-256 (2) digest, and the key is in the X.509 certificate
 * at `SigningCertURL`. That URL is trusted only when it is HTTPS on an SNS host — the pattern the
 * AWS SDKs use, `sns.<region>.amazonaws.com` (aws-sdk-ruby `Aws::SNS::MessageVerifier`,
 * aws-php-sns-message-validator) — and the certificate is fetched over TLS verified against the
 * trusted CAs, so nobody but SNS can name the key. A message from another topic is refused too.
 *
 * The certificate comes from a {@link CertificateSource}: in production HTTPS to the SNS host with
 * the system's CAs; tests point it at a local server with a certificate from a test CA. There is no
 * way to verify a message without a certificate from a source.
 */
import { verify, X509Certificate } from 'node:crypto';
import { get } from 'node:https';
import type { LookupFunction } from 'node:net';

import { WebhookRefusal } from './events.ts';

/** Where signing certificates come from. */
export interface CertificateSource {
	/** The PEM at a (checked) SNS certificate URL; rejects when it cannot be had over verified TLS. */
	fetch(url: URL): Promise<string>;
}

/** How the HTTPS source connects; only tests change these (to reach a local server with a test CA). */
export interface HttpsCertificateOptions {
	/** The CAs that may have issued the SNS host's TLS certificate; default Node's bundled roots. */
	ca?: string | string[];
	/** Resolves the SNS host name; default DNS. */
	lookup?: LookupFunction;
	/** The port to connect to; default the URL's (443). */
	port?: number;
	timeoutMs?: number;
}

/** The largest certificate accepted (an SNS certificate is about 2 KB). */
const maxCertificateBytes = 64 * 1024;

/** Signing certificates over HTTPS, kept in memory by URL (SNS rotates them rarely; at most 20 kept). */
export function httpsCertificates(options: HttpsCertificateOptions = {}): CertificateSource {
	const cache = new Map<string, Promise<string>>();
	function download(url: URL): Promise<string> {
		return new Promise((resolve, reject) => {
			const request = get(
				url,
				{
					// Never without verification: the TLS certificate must chain to a trusted CA and name the host.
					rejectUnauthorized: true,
					...(options.ca ? { ca: options.ca } : {}),
					...(options.lookup ? { lookup: options.lookup } : {}),
					...(options.port ? { port: options.port } : {}),
					timeout: options.timeoutMs ?? 5000,
				},
				(response) => {
					if (response.statusCode !== 200) {
						response.resume();
						reject(new Error(`HTTP ${response.statusCode}`));
						return;
					}
					const chunks: Buffer[] = [];
					let size = 0;
					response.on('data', (chunk: Buffer) => {
						size += chunk.length;
						if (size > maxCertificateBytes) request.destroy(new Error('the certificate is too large'));
						else chunks.push(chunk);
					});
					response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
					response.on('error', reject);
				},
			);
			request.on('timeout', () => request.destroy(new Error('timed out')));
			request.on('error', reject);
		});
	}
	return {
		fetch(url) {
			const key = url.href;
			const cached = cache.get(key);
			if (cached) return cached;
			const pending = download(url);
			// A failure is not kept: the next message tries again.
			pending.catch(() => cache.delete(key));
			if (cache.size >= 20) cache.delete(cache.keys().next().value ?? '');
			cache.set(key, pending);
			return pending;
		},
	};
}

/** The SNS hosts a signing certificate may come from (the AWS SDKs' pattern, China regions included). */
const snsHost = /^sns\.[a-zA-Z0-9-]{3,}\.amazonaws\.com(\.cn)?$/;

/** The `SigningCertURL` as a URL, or `null` when it is not an SNS certificate over HTTPS. */
export function signingCertUrl(value: unknown): URL | null {
	if (typeof value !== 'string') return null;
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		return null;
	}
	const plain = url.protocol === 'https:' && !url.username && !url.password && !url.port;
	return plain && snsHost.test(url.hostname) && url.pathname.endsWith('.pem') ? url : null;
}

/** The fields each type of message signs, in byte order. */
const signedFields: Record<string, readonly string[]> = {
	Notification: ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'],
	SubscriptionConfirmation: ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'],
	UnsubscribeConfirmation: ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'],
};

/** The string SNS signs for a message (a field a notification does not have, `Subject`, is left out). */
export function snsStringToSign(message: Record<string, unknown>): string {
	const fields = signedFields[String(message['Type'])] ?? [];
	return fields
		.filter((name) => typeof message[name] === 'string')
		.map((name) => `${name}\n${String(message[name])}\n`)
		.join('');
}

/** A verified SNS message. */
export interface SnsMessage {
	Type: 'Notification' | 'SubscriptionConfirmation' | 'UnsubscribeConfirmation';
	MessageId: string;
	TopicArn: string;
	Message: string;
	Timestamp: string;
	SubscribeURL?: string;
}

/**
 * Verifies an SNS message posted to us: its type, its topic, its certificate URL, the certificate
 * (fetched, in its validity period at `now`) and the signature. Throws a refusal: 400 malformed,
 * 401 not signed by SNS for our topic, 503 the certificate could not be fetched (SNS retries).
 */
export async function verifySnsMessage(body: string, topicArn: string, certificates: CertificateSource, now: number): Promise<SnsMessage> {
	let message: Record<string, unknown>;
	try {
		message = JSON.parse(body) as Record<string, unknown>;
	} catch {
		throw new WebhookRefusal(400, 'the body is not JSON');
	}
	if (!message || typeof message !== 'object' || !(String(message['Type']) in signedFields)) throw new WebhookRefusal(400, 'not an SNS message (Type)');
	for (const name of ['MessageId', 'TopicArn', 'Message', 'Timestamp']) {
		if (typeof message[name] !== 'string') throw new WebhookRefusal(400, `not an SNS message (${name})`);
	}
	if (message['TopicArn'] !== topicArn) throw new WebhookRefusal(401, `a message for another topic (${String(message['TopicArn'])})`);
	const digest = message['SignatureVersion'] === '1' ? 'sha1' : message['SignatureVersion'] === '2' ? 'sha256' : null;
	if (!digest || typeof message['Signature'] !== 'string') throw new WebhookRefusal(401, 'no signature, or an unknown SignatureVersion');
	const url = signingCertUrl(message['SigningCertURL']);
	if (!url) throw new WebhookRefusal(401, `the SigningCertURL is not an SNS certificate over HTTPS (${String(message['SigningCertURL'])})`);
	let certificate: X509Certificate;
	try {
		certificate = new X509Certificate(await certificates.fetch(url));
	} catch (error) {
		throw new WebhookRefusal(503, `could not get the signing certificate ${url.href}: ${error instanceof Error ? error.message : String(error)}`);
	}
	if (now < Date.parse(certificate.validFrom) || now > Date.parse(certificate.validTo)) throw new WebhookRefusal(401, 'the signing certificate is not valid now');
	let signed = false;
	try {
		signed = verify(digest, Buffer.from(snsStringToSign(message), 'utf8'), certificate.publicKey, Buffer.from(message['Signature'], 'base64'));
	} catch {
		// A key or signature of the wrong kind: not signed by SNS.
	}
	if (!signed) throw new WebhookRefusal(401, 'the signature does not match');
	return message as unknown as SnsMessage;
}
