import { useEffect, useMemo, useRef, useState } from 'preact/hooks';

import type { UiStringKey } from '../../content/i18n-schema.ts';
import type { Locale, Settings } from '../../signup/contract.ts';
import { isCodeShaped, isValidEmail, normalizeCode, normalizeEmail } from '../../signup/text.ts';
import { BusyButton } from '../parts/BusyButton.tsx';
import { ChangeAddressForm, changeAddressKeys } from '../parts/ChangeAddressForm.tsx';
import { CodeField, codeFieldKeys } from '../parts/CodeField.tsx';
import { DeliveryStatus, deliveryStatusKeys } from '../parts/DeliveryStatus.tsx';
import { EmailField, emailFieldKeys } from '../parts/EmailField.tsx';
import { ErrorSummary, type FormError } from '../parts/ErrorSummary.tsx';
import { problemNoticeKeys } from '../parts/ProblemNotice.tsx';
import { RequestAlert } from '../parts/RequestAlert.tsx';
import { SpamHelp, spamHelpKeys } from '../parts/SpamHelp.tsx';
import type { Support } from '../parts/SupportContacts.tsx';
import { widgetFormKeys } from '../parts/WidgetForm.tsx';
import { preloadApi } from '../lib/api.ts';
import { describeDelivery } from '../lib/delivery-message.ts';
import { useFollowRegistration } from '../lib/follow-registration.ts';
import { useCountdown, useHydrated } from '../lib/hooks.ts';
import { useLiveSettings } from '../lib/live-settings.ts';
import { describeProblem } from '../lib/problem-message.ts';
import { clearReceipt, readReceipt, saveReceipt, type StoredReceipt } from '../lib/receipt.ts';
import { useRequest } from '../lib/request.ts';
import { nextEmailAllowedAt, rememberEmailSent } from '../lib/sent-emails.ts';
import { formatCountdown } from '../lib/time.ts';
import { fillParts, translator, type Strings } from '../lib/strings.ts';

/** The strings the status checker shows, in every state. */
export const confirmationStatusKeys = [
	...emailFieldKeys,
	...codeFieldKeys,
	...widgetFormKeys,
	...problemNoticeKeys,
	...spamHelpKeys,
	...deliveryStatusKeys,
	...changeAddressKeys,
	'widgets.form.emailMissing',
	'widgets.form.emailInvalid',
	'widgets.form.codeInvalid',
	'widgets.login',
	'widgets.status.pending',
	'widgets.status.confirmed',
	'widgets.status.expired',
	'widgets.status.stopped',
	'widgets.status.checkNow',
	'widgets.status.none',
	'widgets.resend.title',
	'widgets.resend.submit',
	'widgets.resend.submitting',
	'widgets.resend.done',
	'widgets.resend.wait',
	'widgets.code.title',
	'widgets.code.submit',
	'widgets.code.submitting',
] as const satisfies readonly UiStringKey[];

/** What the confirmation page gives the status checker. */
export interface ConfirmationStatusWidgetProps {
	strings: Strings;
	lang: Locale;
	loginUrl: string;
	senderAddress?: string | undefined;
	support: Support;
	/**
	 * What the backend offers: the code form, following a receipt, the latest email's timeline and
	 * the address correction appear only where they work.
	 */
	features: Pick<Settings['features'], 'confirmationCode' | 'registrationStatus' | 'deliveryTimeline' | 'addressChange'>;
	/** The sign-up page in this language, for a registration that can no longer be corrected. */
	signUpUrl: string;
	/** The reader's time zone unless a test names one. */
	timeZone?: string | undefined;
}

/**
 * The confirmation-status checker. With a receipt from this browser it follows the registration
 * by itself (and at once when another tab confirms); with only an address it resends the email,
 * counting down from the last email this browser knows of, or confirms with the six-digit code
 * where the backend has codes. Following a receipt, it tells what happened to the latest email
 * (sent, retried, refused and why) and, where the backend allows it, corrects a mistyped address:
 * the new address gets a new email and the checker follows it. No answer tells whether an address
 * has an account.
 * Troubleshooting for the reader's mail service sits beside it.
 */
export function ConfirmationStatusWidget({ strings, lang, loginUrl, senderAddress, support, features, signUpUrl, timeZone }: ConfirmationStatusWidgetProps) {
	const t = translator(strings);
	const hydrated = useHydrated();
	const [receipt, setReceipt] = useState<StoredReceipt | undefined>(undefined);
	const [email, setEmail] = useState('');
	const [code, setCode] = useState('');
	const [errors, setErrors] = useState<FormError[]>([]);
	const resending = useRequest(t, lang);
	const confirming = useRequest(t, lang);
	const [resent, setResent] = useState(false);
	const [resendUntil, setResendUntil] = useState(0);
	const [cooldown, setCooldown] = useState(0);
	const follow = useFollowRegistration(features.registrationStatus ? receipt?.receipt : undefined, (problem) => {
		clearReceipt();
		setReceipt(undefined);
		resending.setProblem(describeProblem(problem, t, lang));
	});
	const status = follow.status;
	const live = useLiveSettings();
	const [changing, setChanging] = useState(false);
	const [changed, setChanged] = useState(0);
	const statusLine = useRef<HTMLParagraphElement>(null);
	const changeButton = useRef<HTMLButtonElement>(null);
	const following = Boolean(receipt && features.registrationStatus);
	// The build says what the backend can do; the server's live settings may since have said less.
	const canChange = following && status === 'pending' && features.addressChange && live.settings?.features.addressChange !== false;
	// When the timeline says the address is wrong, the correction is the thing to do: it leads.
	const correctionLeads = Boolean(follow.delivery && describeDelivery(follow.delivery, { hasSender: Boolean(senderAddress) })?.offers.correct);
	const showTimeline = following && status !== 'confirmed' && features.deliveryTimeline && live.settings?.features.deliveryTimeline !== false;

	// The last email this browser knows went to the address typed (the registration, a resend here):
	// the server would hold a new one back until its cooldown is over, so the button waits too.
	const address = normalizeEmail(email);
	const knownUntil = hydrated ? nextEmailAllowedAt(address) : 0;
	const knownWait = useMemo(() => Math.ceil((knownUntil - Date.now()) / 1000), [knownUntil]);
	const until = Math.max(resendUntil, knownUntil);
	const waitLeft = useCountdown(until);
	const srWait = until === resendUntil ? cooldown : knownWait;

	useEffect(() => {
		const stored = readReceipt();
		if (stored) {
			setReceipt(stored);
			setEmail(stored.email);
			// A receipt means the checker talks to the server anyway: learn its current features.
			void live.ask();
		}
	}, []);

	// After a correction, the status line names the new address: focus goes there.
	useEffect(() => {
		if (changed) statusLine.current?.focus();
	}, [changed]);

	function addressChanged(newEmail: string, resendAfterSeconds: number) {
		if (!receipt) return;
		const now = Date.now();
		const moved = { receipt: receipt.receipt, email: newEmail, at: now };
		saveReceipt(moved);
		setReceipt(moved);
		setEmail(newEmail);
		// The new email starts its own cooldown: the resend countdown starts again from it.
		rememberEmailSent(newEmail, resendAfterSeconds, now);
		setResendUntil(now + resendAfterSeconds * 1000);
		setCooldown(resendAfterSeconds);
		setResent(false);
		resending.setProblem(null);
		follow.restart();
		setChanging(false);
		setChanged((n) => n + 1);
	}

	const fieldError = (field: string) => errors.find((error) => error.field === field)?.message;
	const problem = resending.problem ?? confirming.problem;

	function checkEmail(): string | undefined {
		if (!address) setErrors([{ field: 'status-email', message: t('widgets.form.emailMissing') }]);
		else if (!isValidEmail(address)) setErrors([{ field: 'status-email', message: t('widgets.form.emailInvalid') }]);
		else return address;
		return undefined;
	}

	async function resend() {
		if (resending.busy || waitLeft > 0) return;
		confirming.setProblem(null);
		setResent(false);
		const checked = checkEmail();
		if (!checked) return;
		setErrors([]);
		const answer = await resending.send('resend', { email: checked, locale: lang }, (failed, described) => {
			if (failed.retryAfter) {
				setResendUntil(Date.now() + failed.retryAfter * 1000);
				setCooldown(failed.retryAfter);
			}
			if (failed.code !== 'invalid_email') return false;
			setErrors([{ field: 'status-email', message: described.message }]);
			return true;
		});
		if (!answer) return;
		rememberEmailSent(checked, answer.resendAfterSeconds);
		setResent(true);
		setResendUntil(Date.now() + answer.resendAfterSeconds * 1000);
		setCooldown(answer.resendAfterSeconds);
	}

	async function confirmCode() {
		if (confirming.busy) return;
		resending.setProblem(null);
		const checked = checkEmail();
		const digits = normalizeCode(code);
		const codeOk = isCodeShaped(digits);
		if (!codeOk) setErrors((previous) => [...(checked ? [] : previous), { field: 'status-code', message: t('widgets.form.codeInvalid') }]);
		if (!checked || !codeOk) return;
		setErrors([]);
		const answer = await confirming.send('confirmCode', { email: checked, code: digits }, (failed, described) => {
			if (failed.code !== 'invalid_code') return false;
			setErrors([{ field: 'status-code', message: described.message }]);
			return true;
		});
		if (!answer) return;
		follow.setStatus('confirmed');
		setCode('');
	}

	const statusText =
		status === 'confirmed'
			? t('widgets.status.confirmed')
			: status === 'expired'
				? t('widgets.status.expired')
				: receipt && features.registrationStatus
					? fillParts(t('widgets.status.pending'), {
							email: (
								<bdi dir="ltr" class="widget-address">
									{receipt.email}
								</bdi>
							),
						})
					: t('widgets.status.none');

	return (
		<div class={hydrated ? 'widget' : 'widget widget--loading'} id="confirmation-status-widget" onFocusIn={() => void preloadApi().catch(() => undefined)}>
			<div role="status" class={status === 'confirmed' ? 'widget-status widget-status--confirmed' : 'widget-status'}>
				<p tabIndex={-1} ref={statusLine}>
					{hydrated ? statusText : t('widgets.status.none')}
				</p>
				{status === 'confirmed' && (
					<p>
						<a href={loginUrl} class="widget-button">
							{t('widgets.login')}
						</a>
					</p>
				)}
				{follow.stopped && status === 'pending' && <p>{t('widgets.status.stopped')}</p>}
			</div>
			{follow.stopped && status === 'pending' && (
				<button type="button" class="widget-button widget-button--secondary" onClick={follow.checkNow}>
					{t('widgets.status.checkNow')}
				</button>
			)}
			{showTimeline && (
				<DeliveryStatus
					delivery={follow.delivery}
					lang={lang}
					senderAddress={senderAddress}
					support={support}
					canCorrect={canChange}
					signUpUrl={signUpUrl}
					t={t}
					timeZone={timeZone}
				/>
			)}
			{canChange && receipt && !changing && (
				<p>
					<button type="button" class={correctionLeads ? 'widget-button' : 'widget-button widget-button--secondary'} ref={changeButton} onClick={() => setChanging(true)}>
						{t('widgets.change.open')}
					</button>
				</p>
			)}
			{canChange && receipt && changing && (
				<ChangeAddressForm
					id="status-change"
					receipt={receipt.receipt}
					currentEmail={receipt.email}
					lang={lang}
					support={support}
					signUpUrl={signUpUrl}
					t={t}
					onChanged={addressChanged}
					onCancel={() => {
						setChanging(false);
						// Back to the button that opened it (rendered again by then).
						setTimeout(() => changeButton.current?.focus());
					}}
					onReceiptLost={() => {
						clearReceipt();
					}}
				/>
			)}

			{status !== 'confirmed' && (
				<>
					{!hydrated && <p class="widget-loading">{t('widgets.form.loading')}</p>}
					<ErrorSummary id="status-errors" title={t('widgets.form.errorTitle')} errors={errors} />
					<RequestAlert problem={problem} support={support} t={t} />
					<form
						noValidate
						aria-busy={resending.busy || !hydrated}
						onSubmit={(event) => {
							event.preventDefault();
							void resend();
						}}
					>
						<fieldset disabled={!hydrated} class="widget-fieldset">
							<legend class="widget-legend">{t('widgets.resend.title')}</legend>
							<EmailField id="status-email" value={email} onInput={setEmail} error={fieldError('status-email')} disabled={!hydrated} t={t} />
							<BusyButton busy={resending.busy} waiting={waitLeft > 0} describedBy="status-resend-note" label={t('widgets.resend.submit')} busyLabel={t('widgets.resend.submitting')} />
							<div id="status-resend-note" aria-live="polite">
								{resent && <p>{t('widgets.resend.done')}</p>}
								{waitLeft > 0 && (
									<p>
										{/* The countdown changes every second: screen readers hear the wait once, not each tick. */}
										<span aria-hidden="true">{t('widgets.resend.wait', { time: formatCountdown(waitLeft, lang) })}</span>
										<span class="sr-only">{t('widgets.resend.wait', { time: formatCountdown(srWait, lang) })}</span>
									</p>
								)}
							</div>
						</fieldset>
					</form>
					{features.confirmationCode && (
						<form
							noValidate
							aria-busy={confirming.busy || !hydrated}
							onSubmit={(event) => {
								event.preventDefault();
								void confirmCode();
							}}
						>
							<fieldset disabled={!hydrated} class="widget-fieldset">
								<legend class="widget-legend">{t('widgets.code.title')}</legend>
								<CodeField id="status-code" value={code} onInput={setCode} error={fieldError('status-code')} disabled={!hydrated} t={t} />
								<BusyButton busy={confirming.busy} label={t('widgets.code.submit')} busyLabel={t('widgets.code.submitting')} />
							</fieldset>
						</form>
					)}
					<SpamHelp email={email} lang={lang} senderAddress={senderAddress} t={t} />
				</>
			)}
		</div>
	);
}
