import { useEffect, useRef, useState } from 'preact/hooks';

import type { PasswordPolicy, PasswordRule } from '../signup/contract.ts';
import { checkPassword } from '../signup/password-policy.ts';
import type { FormError } from './ErrorSummary.tsx';
import { PasswordField } from './PasswordField.tsx';
import { ProblemNotice } from './ProblemNotice.tsx';
import { WidgetForm } from './WidgetForm.tsx';
import type { Support } from './SupportContacts.tsx';
import { tokenFromFragment } from './lib/fragment.ts';
import { callApi } from './lib/api.ts';
import { useFocusWhen, useHydrated } from './lib/hooks.ts';
import { describeProblem, type ProblemMessage } from './lib/problem-message.ts';
import { translator, type Strings } from './lib/strings.ts';

/** What the page behind the reset email's link gives the reset form. */
export interface PasswordResetProps {
	strings: Strings;
	lang: string;
	policy: PasswordPolicy;
	loginUrl: string;
	/** The password-recovery page in this language, for a new reset link. */
	requestUrl: string;
	support: Support;
}

/** The page a reset link opens: choose a new password (checked against the policy), then sign in. */
export function PasswordReset({ strings, lang, policy, loginUrl, requestUrl, support }: PasswordResetProps) {
	const t = translator(strings);
	const hydrated = useHydrated();
	const [token, setToken] = useState<string | undefined>(undefined);
	const [password, setPassword] = useState('');
	const [serverRules, setServerRules] = useState<PasswordRule[]>([]);
	const [errors, setErrors] = useState<FormError[]>([]);
	const [problem, setProblem] = useState<ProblemMessage | null>(null);
	const [busy, setBusy] = useState(false);
	const [done, setDone] = useState(false);
	const sending = useRef(false);
	const doneText = useFocusWhen<HTMLParagraphElement>(done);

	useEffect(() => setToken(tokenFromFragment(location.hash)), []);

	async function submit() {
		if (!token || sending.current) return;
		const found: FormError[] = !password
			? [{ field: 'new-password', message: t('widgets.form.passwordMissing') }]
			: checkPassword(password, policy).length > 0
				? [{ field: 'new-password', message: t('widgets.form.passwordWeak') }]
				: [];
		setErrors(found);
		setProblem(null);
		if (found.length) return;
		sending.current = true;
		setBusy(true);
		const result = await callApi('resetPassword', { token, newPassword: password });
		sending.current = false;
		setBusy(false);
		if (result.ok) {
			setPassword('');
			setDone(true);
		} else if (result.problem.code === 'weak_password') {
			setServerRules(result.problem.rules ?? []);
			setErrors([{ field: 'new-password', message: describeProblem(result.problem, t, lang).message }]);
		} else setProblem(describeProblem(result.problem, t, lang));
	}

	if (hydrated && !token) {
		return (
			<div class="widget">
				<p>{t('widgets.reset.missingToken')}</p>
				<p>
					<a href={requestUrl}>{t('widgets.reset.getNew')}</a>
				</p>
			</div>
		);
	}

	// The result fills a live region that is in the page from the start: a region inserted together
	// with its text is not reliably announced.
	return (
		<div>
			<div role="status">
				{done && (
					<div class="widget">
						<div class="widget-status widget-status--confirmed">
							<p tabIndex={-1} ref={doneText}>
								{t('widgets.reset.done')}
							</p>
							<p>
								<a href={loginUrl} class="widget-button">
									{t('widgets.login')}
								</a>
							</p>
						</div>
					</div>
				)}
			</div>
			{!done && (
				<WidgetForm
					errorsId="new-password-errors"
					// The reset page has no section heading above the form: the summary's heading comes right under the h1.
					errorLevel={2}
					errorTitle={t('widgets.form.errorTitle')}
					errors={errors}
					busy={busy}
					hydrated={hydrated}
					onSubmit={() => void submit()}
					intro={<p>{t('widgets.reset.intro')}</p>}
				>
					<PasswordField
						id="new-password"
						variant="new"
						value={password}
						onInput={(value) => {
							setPassword(value);
							setServerRules([]);
						}}
						policy={policy}
						email=""
						serverRules={serverRules}
						error={errors[0]?.message}
						disabled={!hydrated}
						t={t}
					/>
					<div role="alert" class="widget-alert">
						{problem && (
							<>
								<ProblemNotice problem={problem} support={support} t={t} onRetry={() => void submit()} />
								{problem.action === 'new_email' && (
									<p>
										<a href={requestUrl}>{t('widgets.reset.getNew')}</a>
									</p>
								)}
							</>
						)}
					</div>
					<button type="submit" class="widget-button" aria-disabled={busy} aria-busy={busy}>
						{busy ? t('widgets.reset.submitting') : t('widgets.reset.submit')}
					</button>
				</WidgetForm>
			)}
		</div>
	);
}
