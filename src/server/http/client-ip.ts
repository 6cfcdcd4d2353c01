/**
 * The client's address, for per-IP limits. Behind reverse proxies every request comes from the
 * nearest proxy, and `X-Forwarded-For` lists the addresses each proxy saw, the client's first. Any
 * client can send that header, so only the entries our own proxies appended are believed: with
 * `TRUST_PROXY=<n>`, the `n` proxies nearest to the server; with `TRUST_PROXY=<address>,<cidr>…`,
 * proxies at those addresses. Without it, the header is ignored.
 */
import { BlockList, isIP } from 'node:net';

import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/**
 * Which proxies to believe: `false` none; a number of hops (`true` is one hop, the former on/off
 * setting); or a list of proxy addresses and CIDR ranges.
 */
export type TrustProxy = boolean | number | BlockList;

/**
 * Reads `TRUST_PROXY`: `false`/`0`, `true`, a number of hops (1–10), or a comma-separated list of
 * IP addresses and CIDR ranges (`10.0.0.0/8, ::1`). Returns a message when it is none of these.
 */
export function parseTrustProxy(value: string): TrustProxy | string {
	const text = value.trim().toLowerCase();
	if (text === 'false' || text === '0' || text === '') return false;
	if (text === 'true') return 1;
	if (/^\d+$/.test(text)) {
		const hops = Number(text);
		return hops <= 10 ? hops : 'must be at most 10 hops';
	}
	const list = new BlockList();
	for (const entry of text.split(',').map((part) => part.trim()).filter(Boolean)) {
		const [address = '', prefix] = entry.split('/');
		const family = isIP(address);
		if (family === 0) return `must be true, false, a number of proxy hops, or proxy addresses / CIDR ranges separated by commas (“${entry}” is none)`;
		const type = family === 6 ? 'ipv6' : 'ipv4';
		if (prefix === undefined) list.addAddress(address, type);
		else if (/^\d+$/.test(prefix) && Number(prefix) <= (family === 6 ? 128 : 32)) list.addSubnet(address, Number(prefix), type);
		else return `has a bad CIDR prefix in “${entry}”`;
	}
	return list;
}

/**
 * One address as a proxy wrote it: `203.0.113.9`, `203.0.113.9:4711`, `2001:db8::1`,
 * `[2001:db8::1]:4711`, or an IPv4-mapped IPv6 address (read as IPv4). `null` when it is not one.
 */
export function parseAddress(raw: string): string | null {
	let value = raw.trim().replace(/^"|"$/g, '');
	const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
	if (bracketed) value = bracketed[1] ?? '';
	else if (/^[\d.]+:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(':'));
	value = value.replace(/%.*$/, '');
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(value);
	if (mapped) value = mapped[1] ?? '';
	return isIP(value) ? value.toLowerCase() : null;
}

function isTrusted(trust: BlockList, address: string): boolean {
	return trust.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
}

/**
 * The client's address, given the connection's peer and the `X-Forwarded-For` values (several
 * headers count as one list, in order). Walking from the server outwards, each trusted hop is
 * stepped over; the first address not vouched for is the client. An unreadable entry stops the
 * walk: the last address a trusted proxy wrote is then the client.
 */
export function forwardedClient(peer: string, forwardedFor: string | undefined, trust: TrustProxy): string {
	if (trust === false || trust === 0 || !forwardedFor) return peer;
	const chain = forwardedFor.split(',');
	let client = peer;
	if (typeof trust === 'number' || trust === true) {
		const hops = trust === true ? 1 : trust;
		for (let hop = 0; hop < hops && chain.length > 0; hop++) {
			const address = parseAddress(chain.pop() ?? '');
			if (!address) break;
			client = address;
		}
		return client;
	}
	// A list: the peer itself must be one of our proxies before its header means anything.
	while (isTrusted(trust, client) && chain.length > 0) {
		const address = parseAddress(chain.pop() ?? '');
		if (!address) break;
		client = address;
	}
	return client;
}

/** The client's address (see {@link forwardedClient}). */
export function clientIp(c: Context, trust: TrustProxy): string {
	let peer = 'unknown';
	try {
		peer = parseAddress(getConnInfo(c).remote.address ?? '') ?? 'unknown';
	} catch {
		// No socket (a test calling app.request() directly): one shared bucket.
	}
	return forwardedClient(peer, c.req.header('X-Forwarded-For'), trust);
}

/**
 * Whether the connection's peer is one of our proxies, so that its `X-Forwarded-*` headers mean
 * something (with a number of hops, the nearest hop is the peer and is trusted by definition).
 */
export function peerIsTrustedProxy(c: Context, trust: TrustProxy): boolean {
	if (trust === false || trust === 0) return false;
	if (typeof trust === 'number' || trust === true) return true;
	try {
		const peer = parseAddress(getConnInfo(c).remote.address ?? '');
		return peer !== null && isTrusted(trust, peer);
	} catch {
		return false;
	}
}

/**
 * The key an address is limited by: an IPv4 address as is; an IPv6 address by its /64, the block
 * one subscriber usually holds (so one client cannot step through its 2^64 addresses).
 */
export function rateLimitKey(address: string): string {
	if (isIP(address) !== 6) return address;
	const [head = '', tail = ''] = address.split('::');
	const headGroups = head ? head.split(':') : [];
	const tailGroups = tail ? tail.split(':') : [];
	const groups = address.includes('::')
		? [...headGroups, ...Array<string>(8 - headGroups.length - tailGroups.length).fill('0'), ...tailGroups]
		: headGroups;
	return `${groups.slice(0, 4).map((group) => group.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}
