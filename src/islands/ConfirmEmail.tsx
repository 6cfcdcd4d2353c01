import { useEffect, useRef, useState } from 'preact/hooks';

import { ProblemNotice } from './ProblemNotice.tsx';
import type { Support } from './SupportContacts.tsx';
import { tokenFromFragment } from './lib/fragment.ts';
import { callApi } from './lib/api.ts';
import { useFocusWhen, useHydrated } from './lib/hooks.ts';
import { describeProblem, type ProblemMessage } from './lib/problem-message.ts';
import { announceConfirmed } from './lib/receipt.ts';
import { translator, type Strings } from './lib/strings.ts';

/** What the page behind the email's link gives the confirm widget. */
export interface ConfirmEmailProps {
	strings: Strings;
	lang: string;
	loginUrl: string;
	/** The confirmation help page in this language, for a new email. */
	statusUrl: string;
	support: Support;
}

/**
 * The page a confirmation link opens. Nothing happens on load — mail scanners open links too —
 * so the reader presses “Confirm my email”; then the result: a login link, or a way to a new email.
 */
export function ConfirmEmail({ strings, lang, loginUrl, statusUrl, support }: ConfirmEmailProps) {
	const t = translator(strings);
	const hydrated = useHydrated();
	const [token, setToken] = useState<string | undefined>(undefined);
	const [busy, setBusy] = useState(false);
	const [confirmed, setConfirmed] = useState(false);
	const [problem, setProblem] = useState<ProblemMessage | null>(null);
	const sending = useRef(false);
	const resultHeading = useFocusWhen<HTMLParagraphElement>(confirmed);

	useEffect(() => setToken(tokenFromFragment(location.hash)), []);

	async function confirm() {
		if (!token || sending.current) return;
		sending.current = true;
		setBusy(true);
		setProblem(null);
		const result = await callApi('confirm', { token });
		sending.current = false;
		setBusy(false);
		if (result.ok) {
			setConfirmed(true);
			announceConfirmed();
		} else setProblem(describeProblem(result.problem, t, lang));
	}

	if (hydrated && !token) {
		return (
			<div class="widget">
				<p>{t('widgets.confirm.missingToken')}</p>
				<p>
					<a href={statusUrl}>{t('widgets.confirm.getNew')}</a>
				</p>
			</div>
		);
	}

	return (
		<div class="widget">
			<div role="status" class={confirmed ? 'widget-status widget-status--confirmed' : 'widget-status'}>
				{confirmed ? (
					<>
						<p tabIndex={-1} ref={resultHeading}>
							{t('widgets.status.confirmed')}
						</p>
						<p>
							<a href={loginUrl} class="widget-button">
								{t('widgets.login')}
							</a>
						</p>
					</>
				) : (
					<p>{t('widgets.confirm.intro')}</p>
				)}
			</div>
			<div role="alert" class="widget-alert">
				{problem && (
					<>
						<ProblemNotice problem={problem} support={support} t={t} onRetry={() => void confirm()} />
						{problem.action === 'new_email' && (
							<p>
								<a href={statusUrl}>{t('widgets.confirm.getNew')}</a>
							</p>
						)}
					</>
				)}
			</div>
			{!confirmed && problem?.action !== 'new_email' && (
				<button type="button" class="widget-button" disabled={!hydrated} aria-disabled={busy} aria-busy={busy} onClick={() => void confirm()}>
					{busy ? t('widgets.confirm.submitting') : t('widgets.confirm.submit')}
				</button>
			)}
		</div>
	);
}
