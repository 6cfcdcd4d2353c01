import { useRef, useState } from 'preact/hooks';

import type { ClientProblem, SignupClient } from '../../signup/client.ts';
import { callApi } from './api.ts';
import { describeProblem, type ProblemMessage } from './problem-message.ts';
import type { Translate } from './strings.ts';

type Call = SignupClient['call'];
type Name = Parameters<Call>[0];
type Data<N extends Name> = Extract<Awaited<ReturnType<typeof callApi<N>>>, { ok: true }>['data'];

/**
 * Takes a failed call's problem when it belongs to one field (`invalid_email` under the email
 * field…): return `true` and the widget shows it there instead of in its alert region.
 */
export type FieldProblemHandler = (problem: ClientProblem, described: ProblemMessage) => boolean;

/** One widget request's state: what every widget form shares. */
export interface RequestState {
	/** A request is on its way. */
	busy: boolean;
	/** The problem of the whole request, in the reader's language; `null` when there is none. */
	problem: ProblemMessage | null;
	/** Shows a problem found without a call (registration turned off…), or clears it. */
	setProblem: (problem: ProblemMessage | null) => void;
	/**
	 * Sends one call: clears the last problem, marks the widget busy, and ignores a second send while
	 * one is on its way (a double click sends once). Resolves with the answer, or `undefined` when
	 * the call failed (its problem is then shown, unless `onFieldProblem` took it) or was ignored.
	 */
	send: <N extends Name>(name: N, body: Parameters<typeof callApi<N>>[1], onFieldProblem?: FieldProblemHandler) => Promise<Data<N> | undefined>;
}

/** The request state of a widget whose messages are in `lang`, through the page's API client. */
export function useRequest(t: Translate, lang: string, call: Call = callApi): RequestState {
	const [busy, setBusy] = useState(false);
	const [problem, setProblem] = useState<ProblemMessage | null>(null);
	// A ref, not the state: two clicks in one frame both see `busy` still false.
	const sending = useRef(false);

	async function send<N extends Name>(name: N, body: Parameters<typeof callApi<N>>[1], onFieldProblem?: FieldProblemHandler): Promise<Data<N> | undefined> {
		if (sending.current) return undefined;
		sending.current = true;
		setBusy(true);
		setProblem(null);
		try {
			const result = await call(name, body);
			if (result.ok) return result.data as Data<N>;
			const described = describeProblem(result.problem, t, lang);
			if (!onFieldProblem?.(result.problem, described)) setProblem(described);
			return undefined;
		} finally {
			sending.current = false;
			setBusy(false);
		}
	}

	return { busy, problem, setProblem, send };
}
