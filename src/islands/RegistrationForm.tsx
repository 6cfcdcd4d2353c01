import { useRef, useState } from 'preact/hooks';

import type { Locale, PasswordPolicy, PasswordRule } from '../signup/contract.ts';
import { isValidEmail, normalizeEmail } from '../signup/text.ts';
import { checkPassword } from '../signup/password-policy.ts';
import { EmailField } from './EmailField.tsx';
import type { FormError } from './ErrorSummary.tsx';
import { PasswordField } from './PasswordField.tsx';
import { ProblemNotice } from './ProblemNotice.tsx';
import { WidgetForm } from './WidgetForm.tsx';
import type { Support } from './SupportContacts.tsx';
import { callApi } from './lib/api.ts';
import { useFocusWhen, useHydrated } from './lib/hooks.ts';
import { describeProblem, type ProblemMessage } from './lib/problem-message.ts';
import { saveReceipt } from './lib/receipt.ts';
import { translator, type Strings } from './lib/strings.ts';

/** What the sign-up page gives the registration form. */
export interface RegistrationFormProps {
	strings: Strings;
	/** The page's language: sent with the registration, so the email is written in it. */
	lang: Locale;
	policy: PasswordPolicy;
	support: Support;
	/** The confirmation page in this language, where the status checker lives. */
	statusUrl: string;
	termsUrl?: string | undefined;
	privacyUrl?: string | undefined;
}

/**
 * The registration form: email with typo suggestions, password with the provider's rules, and a
 * clear answer for every problem. Nothing typed is lost on failure; the receipt of a successful
 * registration stays in the browser for the status checker.
 */
export function RegistrationForm({ strings, lang, policy, support, statusUrl, termsUrl, privacyUrl }: RegistrationFormProps) {
	const t = translator(strings);
	const hydrated = useHydrated();
	const [email, setEmail] = useState('');
	const [password, setPassword] = useState('');
	const [honeypot, setHoneypot] = useState('');
	const [errors, setErrors] = useState<FormError[]>([]);
	const [serverRules, setServerRules] = useState<PasswordRule[]>([]);
	const [problem, setProblem] = useState<ProblemMessage | null>(null);
	const [busy, setBusy] = useState(false);
	const [done, setDone] = useState(false);
	const sending = useRef(false);
	const doneHeading = useFocusWhen<HTMLHeadingElement>(done);

	const fieldError = (field: string) => errors.find((error) => error.field === field)?.message;

	async function submit() {
		if (sending.current) return;
		const found: FormError[] = [];
		const address = normalizeEmail(email);
		if (!address) found.push({ field: 'register-email', message: t('widgets.form.emailMissing') });
		else if (!isValidEmail(address)) found.push({ field: 'register-email', message: t('widgets.form.emailInvalid') });
		if (!password) found.push({ field: 'register-password', message: t('widgets.form.passwordMissing') });
		else if (checkPassword(password, policy, { email: address }).length > 0) found.push({ field: 'register-password', message: t('widgets.form.passwordWeak') });
		setErrors(found);
		setProblem(null);
		if (found.length > 0) return;

		// A filled honeypot means a bot: it gets the success screen and no account.
		if (honeypot) {
			setDone(true);
			return;
		}

		sending.current = true;
		setBusy(true);
		const result = await callApi('register', { email: address, password, locale: lang });
		sending.current = false;
		setBusy(false);
		if (result.ok) {
			saveReceipt({ receipt: result.data.receipt, email: address, at: Date.now() });
			setPassword('');
			setDone(true);
			return;
		}
		const described = describeProblem(result.problem, t, lang);
		if (result.problem.code === 'invalid_email') setErrors([{ field: 'register-email', message: described.message }]);
		else if (result.problem.code === 'weak_password') {
			setServerRules(result.problem.rules ?? []);
			setErrors([{ field: 'register-password', message: described.message }]);
		} else setProblem(described);
	}

	// The success screen fills a live region that is in the page from the start: a region inserted
	// together with its text is not reliably announced.
	return (
		<div>
			<div role="status">
				{done && (
					<div class="widget widget--done">
						<h3 tabIndex={-1} ref={doneHeading}>
							{t('widgets.register.successTitle')}
						</h3>
						<p>{t('widgets.register.successBody')}</p>
						<p>{t('widgets.register.successNext')}</p>
						<p>
							<a href={statusUrl}>{t('widgets.register.successStatus')}</a>
						</p>
					</div>
				)}
			</div>
			{!done && (
				<WidgetForm
					errorsId="register-errors"
					errorTitle={t('widgets.form.errorTitle')}
					errors={errors}
					busy={busy}
					hydrated={hydrated}
					onSubmit={() => void submit()}
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
					<div role="alert" class="widget-alert">
						{problem && <ProblemNotice problem={problem} support={support} t={t} onRetry={() => void submit()} />}
					</div>
					{/* aria-disabled, not disabled: a disabled button would drop the keyboard focus mid-request. */}
					<button type="submit" class="widget-button" aria-disabled={busy} aria-busy={busy}>
						{busy ? t('widgets.register.submitting') : t('widgets.register.submit')}
					</button>
				</WidgetForm>
			)}
		</div>
	);
}
