import { useState } from 'preact/hooks';

import type { UiStringKey } from '../../content/i18n-schema.ts';
import type { Locale } from '../../signup/contract.ts';
import { isValidEmail, normalizeEmail } from '../../signup/text.ts';
import { EmailField, emailFieldKeys } from '../parts/EmailField.tsx';
import type { FormError } from '../parts/ErrorSummary.tsx';
import { BusyButton } from '../parts/BusyButton.tsx';
import { problemNoticeKeys } from '../parts/ProblemNotice.tsx';
import { RequestAlert } from '../parts/RequestAlert.tsx';
import { WidgetForm, widgetFormKeys } from '../parts/WidgetForm.tsx';
import type { Support } from '../parts/SupportContacts.tsx';
import { useCountdown, useHydrated } from '../lib/hooks.ts';
import { useRequest } from '../lib/request.ts';
import { translator, type Strings } from '../lib/strings.ts';
import { formatCountdown } from '../lib/time.ts';

/** The strings the reset-request form shows, in every state. */
export const resetRequestKeys = [
	...emailFieldKeys,
	...widgetFormKeys,
	...problemNoticeKeys,
	'widgets.form.emailMissing',
	'widgets.form.emailInvalid',
	'widgets.resetRequest.submit',
	'widgets.resetRequest.submitting',
	'widgets.resetRequest.done',
	'widgets.resend.wait',
] as const satisfies readonly UiStringKey[];

/** What the password-recovery page gives the reset-request form. */
export interface ResetRequestWidgetProps {
	strings: Strings;
	lang: Locale;
	support: Support;
}

/** Asks for a password-reset email. The answer is the same whether or not the address has an account. */
export function ResetRequestWidget({ strings, lang, support }: ResetRequestWidgetProps) {
	const t = translator(strings);
	const hydrated = useHydrated();
	const request = useRequest(t, lang);
	const [email, setEmail] = useState('');
	const [errors, setErrors] = useState<FormError[]>([]);
	const [sent, setSent] = useState(false);
	const [until, setUntil] = useState(0);
	const [cooldown, setCooldown] = useState(0);
	const waitLeft = useCountdown(until);

	const startWait = (seconds: number | undefined) => {
		if (!seconds) return;
		setUntil(Date.now() + seconds * 1000);
		setCooldown(seconds);
	};

	async function submit() {
		if (request.busy || waitLeft > 0) return;
		const address = normalizeEmail(email);
		const found: FormError[] = !address
			? [{ field: 'reset-email', message: t('widgets.form.emailMissing') }]
			: isValidEmail(address)
				? []
				: [{ field: 'reset-email', message: t('widgets.form.emailInvalid') }];
		setErrors(found);
		request.setProblem(null);
		setSent(false);
		if (found.length) return;
		const answer = await request.send('requestPasswordReset', { email: address, locale: lang }, (problem, described) => {
			startWait(problem.retryAfter);
			if (problem.code !== 'invalid_email') return false;
			setErrors([{ field: 'reset-email', message: described.message }]);
			return true;
		});
		if (!answer) return;
		startWait(answer.resendAfterSeconds);
		setSent(true);
	}

	return (
		<WidgetForm errorsId="reset-errors" errors={errors} busy={request.busy} hydrated={hydrated} onSubmit={() => void submit()} t={t}>
			<EmailField id="reset-email" value={email} onInput={setEmail} error={errors[0]?.message} disabled={!hydrated} t={t} />
			<RequestAlert problem={request.problem} support={support} t={t} onRetry={() => void submit()} />
			<BusyButton busy={request.busy} waiting={waitLeft > 0} label={t('widgets.resetRequest.submit')} busyLabel={t('widgets.resetRequest.submitting')} />
			<div role="status">
				{sent && <p class="widget-status">{t('widgets.resetRequest.done')}</p>}
				{waitLeft > 0 && (
					<p>
						<span aria-hidden="true">{t('widgets.resend.wait', { time: formatCountdown(waitLeft, lang) })}</span>
						<span class="sr-only">{t('widgets.resend.wait', { time: formatCountdown(cooldown, lang) })}</span>
					</p>
				)}
			</div>
		</WidgetForm>
	);
}
