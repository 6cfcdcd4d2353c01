import { useEffect, useState } from 'preact/hooks';

import type { Locale } from '../signup/contract.ts';
import { isCodeShaped, isValidEmail, normalizeCode, normalizeEmail } from '../signup/text.ts';
import { CodeField } from './CodeField.tsx';
import { EmailField } from './EmailField.tsx';
import { ErrorSummary, type FormError } from './ErrorSummary.tsx';
import { ProblemNotice } from './ProblemNotice.tsx';
import { SpamHelp } from './SpamHelp.tsx';
import type { Support } from './SupportContacts.tsx';
import { callApi, preloadApi } from './lib/api.ts';
import { useCountdown, useHydrated } from './lib/hooks.ts';
import { nextDelay, statusPolling } from './lib/polling.ts';
import { describeProblem, type ProblemMessage } from './lib/problem-message.ts';
import { clearReceipt, onConfirmedElsewhere, readReceipt, type StoredReceipt } from './lib/receipt.ts';
import { formatCountdown } from './lib/time.ts';
import { translator, type Strings } from './lib/strings.ts';

/** What the confirmation page gives the status checker. */
export interface ConfirmationStatusProps {
	strings: Strings;
	lang: Locale;
	loginUrl: string;
	senderAddress?: string | undefined;
	support: Support;
}

type Status = 'pending' | 'confirmed' | 'expired';

/**
 * The confirmation-status checker. With a receipt from this browser it follows the registration
 * by itself (and at once when another tab confirms); with only an address it resends the email,
 * showing the cooldown, or confirms with the six-digit code. No answer tells whether an address
 * has an account. Troubleshooting for the reader's mail service sits beside it.
 */
export function ConfirmationStatus({ strings, lang, loginUrl, senderAddress, support }: ConfirmationStatusProps) {
	const t = translator(strings);
	const hydrated = useHydrated();
	const [receipt, setReceipt] = useState<StoredReceipt | undefined>(undefined);
	const [status, setStatus] = useState<Status | null>(null);
	const [stopped, setStopped] = useState(false);
	const [email, setEmail] = useState('');
	const [code, setCode] = useState('');
	const [errors, setErrors] = useState<FormError[]>([]);
	const [problem, setProblem] = useState<ProblemMessage | null>(null);
	const [busy, setBusy] = useState<'resend' | 'code' | null>(null);
	const [resent, setResent] = useState(false);
	const [resendUntil, setResendUntil] = useState(0);
	const [cooldown, setCooldown] = useState(0);
	const [checks, setChecks] = useState(0);
	const waitLeft = useCountdown(resendUntil);

	useEffect(() => {
		const stored = readReceipt();
		if (stored) {
			setReceipt(stored);
			setEmail(stored.email);
		}
	}, []);

	// Follow the receipt: ask, wait a little longer each time, pause while the tab is hidden, stop
	// after 30 minutes. `checks` restarts the loop (“Check now”, another tab confirmed).
	useEffect(() => {
		if (!receipt) return undefined;
		let timer: ReturnType<typeof setTimeout> | undefined;
		let delay: number | undefined;
		let cancelled = false;
		const started = Date.now();
		setStopped(false);

		const ask = async () => {
			if (document.hidden) return; // `visibilitychange` asks again when the tab shows.
			const result = await callApi('registrationStatus', { receipt: receipt.receipt });
			if (cancelled) return;
			if (result.ok) {
				setStatus(result.data.status);
				if (result.data.status !== 'pending') return;
			} else if (result.problem.code === 'invalid_receipt') {
				clearReceipt();
				setReceipt(undefined);
				setStatus(null);
				setProblem(describeProblem(result.problem, t, lang));
				return;
			}
			// Network trouble is not news: keep asking quietly, on the same schedule.
			delay = nextDelay(statusPolling, delay, Date.now() - started);
			if (delay === undefined) setStopped(true);
			else timer = setTimeout(() => void ask(), delay);
		};
		const onVisible = () => {
			if (!document.hidden) {
				clearTimeout(timer);
				void ask();
			}
		};
		document.addEventListener('visibilitychange', onVisible);
		const stopListening = onConfirmedElsewhere(() => setChecks((n) => n + 1));
		void ask();
		return () => {
			cancelled = true;
			clearTimeout(timer);
			document.removeEventListener('visibilitychange', onVisible);
			stopListening();
		};
	}, [receipt, checks]);

	const fieldError = (field: string) => errors.find((error) => error.field === field)?.message;

	function checkEmail(): string | undefined {
		const address = normalizeEmail(email);
		if (!address) setErrors([{ field: 'status-email', message: t('widgets.form.emailMissing') }]);
		else if (!isValidEmail(address)) setErrors([{ field: 'status-email', message: t('widgets.form.emailInvalid') }]);
		else return address;
		return undefined;
	}

	async function resend() {
		if (busy || waitLeft > 0) return;
		setProblem(null);
		setResent(false);
		const address = checkEmail();
		if (!address) return;
		setErrors([]);
		setBusy('resend');
		const result = await callApi('resend', { email: address, locale: lang });
		setBusy(null);
		if (result.ok) {
			setResent(true);
			setResendUntil(Date.now() + result.data.resendAfterSeconds * 1000);
			setCooldown(result.data.resendAfterSeconds);
		} else if (result.problem.code === 'invalid_email') setErrors([{ field: 'status-email', message: describeProblem(result.problem, t, lang).message }]);
		else {
			setProblem(describeProblem(result.problem, t, lang));
			if (result.problem.retryAfter) {
				setResendUntil(Date.now() + result.problem.retryAfter * 1000);
				setCooldown(result.problem.retryAfter);
			}
		}
	}

	async function confirmCode() {
		if (busy) return;
		setProblem(null);
		const address = checkEmail();
		const digits = normalizeCode(code);
		const codeOk = isCodeShaped(digits);
		if (!codeOk) setErrors((previous) => [...(address ? [] : previous), { field: 'status-code', message: t('widgets.form.codeInvalid') }]);
		if (!address || !codeOk) return;
		setErrors([]);
		setBusy('code');
		const result = await callApi('confirmCode', { email: address, code: digits });
		setBusy(null);
		if (result.ok) {
			setStatus('confirmed');
			setCode('');
		} else if (result.problem.code === 'invalid_code') setErrors([{ field: 'status-code', message: describeProblem(result.problem, t, lang).message }]);
		else setProblem(describeProblem(result.problem, t, lang));
	}

	const statusText =
		status === 'confirmed'
			? t('widgets.status.confirmed')
			: status === 'expired'
				? t('widgets.status.expired')
				: receipt
					? t('widgets.status.pending', { email: receipt.email })
					: t('widgets.status.none');

	return (
		<div class="widget" id="confirmation-status-widget" onFocusIn={() => void preloadApi().catch(() => undefined)}>
			<div role="status" class={status === 'confirmed' ? 'widget-status widget-status--confirmed' : 'widget-status'}>
				<p>{hydrated ? statusText : t('widgets.status.none')}</p>
				{status === 'confirmed' && (
					<p>
						<a href={loginUrl} class="widget-button">
							{t('widgets.login')}
						</a>
					</p>
				)}
				{stopped && status === 'pending' && <p>{t('widgets.status.stopped')}</p>}
			</div>
			{stopped && status === 'pending' && (
				<button type="button" class="widget-button widget-button--secondary" onClick={() => setChecks((n) => n + 1)}>
					{t('widgets.status.checkNow')}
				</button>
			)}

			{status !== 'confirmed' && (
				<>
					<ErrorSummary id="status-errors" title={t('widgets.form.errorTitle')} errors={errors} />
					<div role="alert" class="widget-alert">
						{problem && <ProblemNotice problem={problem} support={support} t={t} onRetry={undefined} />}
					</div>
					<form
						noValidate
						aria-busy={busy === 'resend'}
						onSubmit={(event) => {
							event.preventDefault();
							void resend();
						}}
					>
						<fieldset disabled={!hydrated} class="widget-fieldset">
							<legend class="widget-legend">{t('widgets.resend.title')}</legend>
							<EmailField id="status-email" value={email} onInput={setEmail} error={fieldError('status-email')} disabled={!hydrated} t={t} />
							<button type="submit" class="widget-button" aria-disabled={busy === 'resend' || waitLeft > 0} aria-busy={busy === 'resend'} aria-describedby="status-resend-note">
								{busy === 'resend' ? t('widgets.resend.submitting') : t('widgets.resend.submit')}
							</button>
							<div id="status-resend-note" aria-live="polite">
								{resent && <p>{t('widgets.resend.done')}</p>}
								{waitLeft > 0 && (
									<p>
										{/* The countdown changes every second: screen readers hear the wait once, not each tick. */}
										<span aria-hidden="true">{t('widgets.resend.wait', { time: formatCountdown(waitLeft) })}</span>
										<span class="sr-only">{t('widgets.resend.wait', { time: formatCountdown(cooldown) })}</span>
									</p>
								)}
							</div>
						</fieldset>
					</form>
					<form
						noValidate
						aria-busy={busy === 'code'}
						onSubmit={(event) => {
							event.preventDefault();
							void confirmCode();
						}}
					>
						<fieldset disabled={!hydrated} class="widget-fieldset">
							<legend class="widget-legend">{t('widgets.code.title')}</legend>
							<CodeField id="status-code" value={code} onInput={setCode} error={fieldError('status-code')} disabled={!hydrated} t={t} />
							<button type="submit" class="widget-button" aria-disabled={busy === 'code'} aria-busy={busy === 'code'}>
								{busy === 'code' ? t('widgets.code.submitting') : t('widgets.code.submit')}
							</button>
						</fieldset>
					</form>
					<SpamHelp email={email} senderAddress={senderAddress} t={t} />
				</>
			)}
		</div>
	);
}
