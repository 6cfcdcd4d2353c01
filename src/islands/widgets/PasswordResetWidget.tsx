import { useEffect, useState } from 'preact/hooks';

import type { UiStringKey } from '../../content/i18n-schema.ts';
import type { PasswordPolicy, PasswordRule } from '../../signup/contract.ts';
import { checkPassword } from '../../signup/password-policy.ts';
import type { FormError } from '../parts/ErrorSummary.tsx';
import { PasswordField, passwordFieldKeys } from '../parts/PasswordField.tsx';
import { BusyButton } from '../parts/BusyButton.tsx';
import { problemNoticeKeys } from '../parts/ProblemNotice.tsx';
import { RequestAlert } from '../parts/RequestAlert.tsx';
import { SignInNext } from '../parts/SignInNext.tsx';
import { WidgetForm, widgetFormKeys } from '../parts/WidgetForm.tsx';
import type { Support } from '../parts/SupportContacts.tsx';
import { tokenFromFragment } from '../lib/fragment.ts';
import { useFocusWhen, useHydrated } from '../lib/hooks.ts';
import { useLiveSettings } from '../lib/live-settings.ts';
import { useRequest } from '../lib/request.ts';
import { translator, type Strings } from '../lib/strings.ts';

/** The strings the new-password form shows, in every state. */
export const passwordResetKeys = [
	...passwordFieldKeys,
	...widgetFormKeys,
	...problemNoticeKeys,
	'widgets.form.passwordMissing',
	'widgets.form.passwordWeak',
	'widgets.reset.intro',
	'widgets.reset.submit',
	'widgets.reset.submitting',
	'widgets.reset.done',
	'widgets.reset.missingToken',
	'widgets.reset.getNew',
	'widgets.login',
] as const satisfies readonly UiStringKey[];

/** What the page behind the reset email's link gives the reset form. */
export interface PasswordResetWidgetProps {
	strings: Strings;
	lang: string;
	policy: PasswordPolicy;
	loginUrl: string;
	/** The password-recovery page in this language, for a new reset link. */
	requestUrl: string;
	support: Support;
}

/** The page a reset link opens: choose a new password (checked against the policy), then sign in. */
export function PasswordResetWidget({ strings, lang, policy: builtPolicy, loginUrl, requestUrl, support }: PasswordResetWidgetProps) {
	const t = translator(strings);
	const hydrated = useHydrated();
	const [token, setToken] = useState<string | undefined>(undefined);
	const [password, setPassword] = useState('');
	const [serverRules, setServerRules] = useState<PasswordRule[]>([]);
	const [errors, setErrors] = useState<FormError[]>([]);
	const request = useRequest(t, lang);
	const live = useLiveSettings();
	const policy = live.settings?.passwordPolicy ?? builtPolicy;
	const [done, setDone] = useState(false);
	const doneText = useFocusWhen<HTMLParagraphElement>(done);

	useEffect(() => setToken(tokenFromFragment(location.hash)), []);

	async function submit() {
		if (!token || request.busy) return;
		const currentPolicy = (await live.ask())?.passwordPolicy ?? policy;
		const found: FormError[] = !password
			? [{ field: 'new-password', message: t('widgets.form.passwordMissing') }]
			: checkPassword(password, currentPolicy).length > 0
				? [{ field: 'new-password', message: t('widgets.form.passwordWeak') }]
				: [];
		setErrors(found);
		request.setProblem(null);
		if (found.length) return;
		const answer = await request.send('resetPassword', { token, newPassword: password }, (problem, described) => {
			if (problem.code !== 'weak_password') return false;
			setServerRules(problem.rules ?? []);
			setErrors([{ field: 'new-password', message: described.message }]);
			return true;
		});
		if (!answer) return;
		setPassword('');
		setDone(true);
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
							<SignInNext text={t('widgets.reset.done')} focusRef={doneText} loginUrl={loginUrl} t={t} />
						</div>
					</div>
				)}
			</div>
			{!done && (
				<WidgetForm
					errorsId="new-password-errors"
					// The reset page has no section heading above the form: the summary's heading comes right under the h1.
					errorLevel={2}
					errors={errors}
					busy={request.busy}
					hydrated={hydrated}
					onSubmit={() => void submit()}
					onFirstUse={() => void live.ask()}
					t={t}
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
					<RequestAlert problem={request.problem} support={support} t={t} onRetry={() => void submit()} newEmail={{ href: requestUrl, label: t('widgets.reset.getNew') }} />
					<BusyButton busy={request.busy} label={t('widgets.reset.submit')} busyLabel={t('widgets.reset.submitting')} />
				</WidgetForm>
			)}
		</div>
	);
}
