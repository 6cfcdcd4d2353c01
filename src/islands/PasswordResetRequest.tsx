import { useRef, useState } from 'preact/hooks';

import type { Locale } from '../signup/contract.ts';
import { isValidEmail, normalizeEmail } from '../signup/text.ts';
import { EmailField } from './EmailField.tsx';
import type { FormError } from './ErrorSummary.tsx';
import { ProblemNotice } from './ProblemNotice.tsx';
import { WidgetForm } from './WidgetForm.tsx';
import type { Support } from './SupportContacts.tsx';
import { callApi } from './lib/api.ts';
import { useCountdown, useHydrated } from './lib/hooks.ts';
import { describeProblem, type ProblemMessage } from './lib/problem-message.ts';
import { translator, type Strings } from './lib/strings.ts';
import { formatCountdown } from './lib/time.ts';

/** What the password-recovery page gives the reset-request form. */
export interface PasswordResetRequestProps {
	strings: Strings;
	lang: Locale;
	support: Support;
}

/** Asks for a password-reset email. The answer is the same whether or not the address has an account. */
export function PasswordResetRequest({ strings, lang, support }: PasswordResetRequestProps) {
	const t = translator(strings);
	const hydrated = useHydrated();
	const [email, setEmail] = useState('');
	const [errors, setErrors] = useState<FormError[]>([]);
	const [problem, setProblem] = useState<ProblemMessage | null>(null);
	const [busy, setBusy] = useState(false);
	const [sent, setSent] = useState(false);
	const [until, setUntil] = useState(0);
	const [cooldown, setCooldown] = useState(0);
	const waitLeft = useCountdown(until);
	const sending = useRef(false);

	async function submit() {
		if (sending.current || waitLeft > 0) return;
		const address = normalizeEmail(email);
		const found: FormError[] = !address
			? [{ field: 'reset-email', message: t('widgets.form.emailMissing') }]
			: isValidEmail(address)
				? []
				: [{ field: 'reset-email', message: t('widgets.form.emailInvalid') }];
		setErrors(found);
		setProblem(null);
		setSent(false);
		if (found.length) return;
		sending.current = true;
		setBusy(true);
		const result = await callApi('requestPasswordReset', { email: address, locale: lang });
		sending.current = false;
		setBusy(false);
		const wait = result.ok ? result.data.resendAfterSeconds : result.problem.retryAfter;
		if (wait) {
			setUntil(Date.now() + wait * 1000);
			setCooldown(wait);
		}
		if (result.ok) setSent(true);
		else if (result.problem.code === 'invalid_email') setErrors([{ field: 'reset-email', message: describeProblem(result.problem, t, lang).message }]);
		else setProblem(describeProblem(result.problem, t, lang));
	}

	return (
		<WidgetForm
			errorsId="reset-errors"
			errorTitle={t('widgets.form.errorTitle')}
			errors={errors}
			busy={busy}
			hydrated={hydrated}
			onSubmit={() => void submit()}
		>
			<EmailField id="reset-email" value={email} onInput={setEmail} error={errors[0]?.message} disabled={!hydrated} t={t} />
			<div role="alert" class="widget-alert">
				{problem && <ProblemNotice problem={problem} support={support} t={t} onRetry={() => void submit()} />}
			</div>
			<button type="submit" class="widget-button" aria-disabled={busy || waitLeft > 0} aria-busy={busy}>
				{busy ? t('widgets.resetRequest.submitting') : t('widgets.resetRequest.submit')}
			</button>
			<div role="status">
				{sent && <p class="widget-status">{t('widgets.resetRequest.done')}</p>}
				{waitLeft > 0 && (
					<p>
						<span aria-hidden="true">{t('widgets.resend.wait', { time: formatCountdown(waitLeft) })}</span>
						<span class="sr-only">{t('widgets.resend.wait', { time: formatCountdown(cooldown) })}</span>
					</p>
				)}
			</div>
		</WidgetForm>
	);
}
