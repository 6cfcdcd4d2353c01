import { useEffect, useState } from 'preact/hooks';

import type { UiStringKey } from '../../content/i18n-schema.ts';
import type { Locale, PasswordPolicy, PasswordRule, Settings } from '../../signup/contract.ts';
import { isValidEmail, normalizeEmail } from '../../signup/text.ts';
import { checkPassword } from '../../signup/password-policy.ts';
import { ChangeAddressForm, changeAddressKeys } from '../parts/ChangeAddressForm.tsx';
import { EmailField, emailFieldKeys } from '../parts/EmailField.tsx';
import type { FormError } from '../parts/ErrorSummary.tsx';
import { PasswordField, passwordFieldKeys } from '../parts/PasswordField.tsx';
import { BusyButton } from '../parts/BusyButton.tsx';
import { problemNoticeKeys } from '../parts/ProblemNotice.tsx';
import { RequestAlert } from '../parts/RequestAlert.tsx';
import { SupportContacts, type Support } from '../parts/SupportContacts.tsx';
import { WidgetForm, widgetFormKeys } from '../parts/WidgetForm.tsx';
import { useFocusWhen, useHydrated } from '../lib/hooks.ts';
import { useLiveSettings } from '../lib/live-settings.ts';
import { saveReceipt } from '../lib/receipt.ts';
import { useRequest } from '../lib/request.ts';
import { rememberEmailSent } from '../lib/sent-emails.ts';
import { fillParts, translator, type Strings } from '../lib/strings.ts';

/** The strings the registration form shows, in every state. */
export const registrationKeys = [
	...emailFieldKeys,
	...passwordFieldKeys,
	...widgetFormKeys,
	...problemNoticeKeys,
	...changeAddressKeys,
	'widgets.form.emailMissing',
	'widgets.form.emailInvalid',
	'widgets.form.passwordMissing',
	'widgets.form.passwordWeak',
	'widgets.register.submit',
	'widgets.register.submitting',
	'widgets.register.legal',
	'widgets.register.terms',
	'widgets.register.privacy',
	'widgets.register.honeypot',
	'widgets.register.successTitle',
	'widgets.register.successBody',
	'widgets.register.successNext',
	'widgets.register.successNextLink',
	'widgets.register.successStatus',
	'widgets.register.correct',
	'widgets.register.closed',
] as const satisfies readonly UiStringKey[];

/** What the sign-up page gives the registration form. */
export interface RegistrationWidgetProps {
	strings: Strings;
	/** The page's language: sent with the registration, so the email is written in it. */
	lang: Locale;
	/** The policy at build time; the server's current one replaces it once the reader starts. */
	policy: PasswordPolicy;
	support: Support;
	/** The confirmation page in this language, where the status checker lives. */
	statusUrl: string;
	/**
	 * What the backend offers: without codes, the success screen speaks of the link only; with
	 * address changes, a wrong address is corrected right there (otherwise: back to the form).
	 */
	features: Pick<Settings['features'], 'confirmationCode' | 'addressChange'>;
	/** This sign-up page, for a registration whose address can no longer be corrected. */
	signUpUrl: string;
	termsUrl?: string | undefined;
	privacyUrl?: string | undefined;
}

/**
 * The registration form: email with typo suggestions, password with the provider's rules, and a
 * clear answer for every problem. Nothing typed is lost on failure; the receipt of a successful
 * registration stays in the browser for the status checker. On first use it asks the server for
 * its current settings: when the provider has turned registration off since the build, the form
 * says so, with the provider's contacts, and sends nothing.
 */
export function RegistrationWidget({ strings, lang, policy: builtPolicy, support, statusUrl, features, signUpUrl, termsUrl, privacyUrl }: RegistrationWidgetProps) {
	const t = translator(strings);
	const hydrated = useHydrated();
	const live = useLiveSettings();
	const request = useRequest(t, lang);
	const [email, setEmail] = useState('');
	const [password, setPassword] = useState('');
	const [honeypot, setHoneypot] = useState('');
	const [errors, setErrors] = useState<FormError[]>([]);
	const [serverRules, setServerRules] = useState<PasswordRule[]>([]);
	/** The address the email went to, once registered. */
	const [sentTo, setSentTo] = useState<string | null>(null);
	/** The registration's receipt, for correcting its address in place. */
	const [receipt, setReceipt] = useState<string | null>(null);
	const [changing, setChanging] = useState(false);
	const canChange = Boolean(receipt) && features.addressChange && live.settings?.features.addressChange !== false;
	const closed = live.settings?.selfRegistration === false;
	const policy = live.settings?.passwordPolicy ?? builtPolicy;
	const doneHeading = useFocusWhen<HTMLHeadingElement>(sentTo);
	const closedNotice = useFocusWhen<HTMLParagraphElement>(closed);
	const [correcting, setCorrecting] = useState(0);
	const [corrected, setCorrected] = useState(0);
	const doneBody = useFocusWhen<HTMLParagraphElement>(corrected || null);
	useEffect(() => {
		if (correcting) document.getElementById('register-email')?.focus();
	}, [correcting]);

	const fieldError = (field: string) => errors.find((error) => error.field === field)?.message;

	async function submit() {
		if (request.busy) return;
		const settings = await live.ask();
		if (settings?.selfRegistration === false) return;
		const currentPolicy = settings?.passwordPolicy ?? policy;
		const found: FormError[] = [];
		const address = normalizeEmail(email);
		if (!address) found.push({ field: 'register-email', message: t('widgets.form.emailMissing') });
		else if (!isValidEmail(address)) found.push({ field: 'register-email', message: t('widgets.form.emailInvalid') });
		if (!password) found.push({ field: 'register-password', message: t('widgets.form.passwordMissing') });
		else if (checkPassword(password, currentPolicy, { email: address }).length > 0) found.push({ field: 'register-password', message: t('widgets.form.passwordWeak') });
		setErrors(found);
		request.setProblem(null);
		if (found.length > 0) return;

		// A filled honeypot means a bot: it gets the success screen and no account.
		if (honeypot) {
			setReceipt(null);
			setSentTo(address);
			return;
		}

		const answer = await request.send('register', { email: address, password, locale: lang }, (problem, described) => {
			if (problem.code === 'invalid_email') setErrors([{ field: 'register-email', message: described.message }]);
			else if (problem.code === 'weak_password') {
				setServerRules(problem.rules ?? []);
				setErrors([{ field: 'register-password', message: described.message }]);
			} else return false;
			return true;
		});
		if (!answer) return;
		saveReceipt({ receipt: answer.receipt, email: address, at: Date.now() });
		rememberEmailSent(address, answer.resendAfterSeconds);
		setPassword('');
		setReceipt(answer.receipt);
		setChanging(false);
		setSentTo(address);
	}

	/** The server took the corrected address: the success screen names it and the checker follows it. */
	function addressChanged(newEmail: string, resendAfterSeconds: number) {
		if (!receipt) return;
		saveReceipt({ receipt, email: newEmail, at: Date.now() });
		rememberEmailSent(newEmail, resendAfterSeconds);
		setEmail(newEmail);
		setChanging(false);
		setSentTo(newEmail);
		setCorrected((n) => n + 1);
	}

	// The success screen and the “registration is closed” notice fill a live region that is in the
	// page from the start: a region inserted together with its text is not reliably announced.
	return (
		<div>
			<div role="status">
				{sentTo !== null && (
					<div class="widget widget--done">
						<h3 tabIndex={-1} ref={doneHeading}>
							{t('widgets.register.successTitle')}
						</h3>
						<p tabIndex={-1} ref={doneBody}>
							{fillParts(t('widgets.register.successBody'), {
								email: (
									<bdi dir="ltr" class="widget-address">
										<strong>{sentTo}</strong>
									</bdi>
								),
							})}
						</p>
						{!changing && (
							<p>
								<button
									type="button"
									class="widget-link-button"
									id="register-correct"
									onClick={() => {
										// Where the backend moves a pending registration, the correction happens here;
										// otherwise back to the form with the address kept, focus on it.
										if (canChange) {
											setChanging(true);
											return;
										}
										setEmail(sentTo);
										setSentTo(null);
										setCorrecting((n) => n + 1);
									}}
								>
									{t('widgets.register.correct')}
								</button>
							</p>
						)}
						<p>{t(features.confirmationCode ? 'widgets.register.successNext' : 'widgets.register.successNextLink')}</p>
						<p>
							<a href={statusUrl}>{t('widgets.register.successStatus')}</a>
						</p>
					</div>
				)}
				{closed && (
					<div class="widget widget--done">
						<p tabIndex={-1} ref={closedNotice}>
							{t('widgets.register.closed')}
						</p>
						<SupportContacts support={support} t={t} />
					</div>
				)}
			</div>
			{/* Outside the status region: the form's own changes are announced by its own regions. */}
			{sentTo !== null && changing && receipt && (
				<div class="widget">
					<ChangeAddressForm
						id="register-change"
						receipt={receipt}
						currentEmail={sentTo}
						lang={lang}
						support={support}
						signUpUrl={signUpUrl}
						t={t}
						onChanged={addressChanged}
						onCancel={() => {
							setChanging(false);
							setTimeout(() => document.getElementById('register-correct')?.focus());
						}}
					/>
				</div>
			)}
			{sentTo === null && !closed && (
				<WidgetForm
					errorsId="register-errors"
					errors={errors}
					busy={request.busy}
					hydrated={hydrated}
					onSubmit={() => void submit()}
					onFirstUse={() => void live.ask()}
					t={t}
				>
					<EmailField id="register-email" value={email} onInput={setEmail} error={fieldError('register-email')} withHint disabled={!hydrated} t={t} />
					<PasswordField
						id="register-password"
						value={password}
						onInput={(value) => {
							setPassword(value);
							setServerRules([]);
						}}
						policy={policy}
						email={email}
						serverRules={serverRules}
						error={fieldError('register-password')}
						disabled={!hydrated}
						t={t}
					/>
					<div class="widget-honeypot" aria-hidden="true">
						<label for="register-website">{t('widgets.register.honeypot')}</label>
						<input id="register-website" name="website" type="text" tabIndex={-1} autocomplete="off" value={honeypot} onInput={(event) => setHoneypot(event.currentTarget.value)} />
					</div>
					{(termsUrl || privacyUrl) && (
						<p class="widget-legal">
							{t('widgets.register.legal')}{' '}
							{termsUrl && <a href={termsUrl}>{t('widgets.register.terms')}</a>}
							{termsUrl && privacyUrl && ' · '}
							{privacyUrl && <a href={privacyUrl}>{t('widgets.register.privacy')}</a>}
						</p>
					)}
					<RequestAlert problem={request.problem} support={support} t={t} onRetry={() => void submit()} />
					<BusyButton busy={request.busy} label={t('widgets.register.submit')} busyLabel={t('widgets.register.submitting')} />
				</WidgetForm>
			)}
		</div>
	);
}
