import { useEffect, useState } from 'preact/hooks';

import type { UiStringKey } from '../../content/i18n-schema.ts';
import type { Locale } from '../../signup/contract.ts';
import { isValidEmail, normalizeEmail } from '../../signup/text.ts';
import { EmailField, emailFieldKeys } from './EmailField.tsx';
import { ErrorSummary, type FormError } from './ErrorSummary.tsx';
import { BusyButton } from './BusyButton.tsx';
import { ProblemNotice, problemNoticeKeys } from './ProblemNotice.tsx';
import type { Support } from './SupportContacts.tsx';
import { useRequest } from '../lib/request.ts';
import type { Translate } from '../lib/strings.ts';

/** The strings the address correction shows. */
export const changeAddressKeys = [
	...emailFieldKeys,
	...problemNoticeKeys,
	'widgets.form.errorTitle',
	'widgets.form.emailMissing',
	'widgets.form.emailInvalid',
	'widgets.change.open',
	'widgets.change.title',
	'widgets.change.label',
	'widgets.change.hint',
	'widgets.change.same',
	'widgets.change.submit',
	'widgets.change.submitting',
	'widgets.change.cancel',
	'widgets.change.lost',
	'widgets.change.registerAgain',
] as const satisfies readonly UiStringKey[];

interface ChangeAddressFormProps {
	/** Prefix of the form's ids: two widgets on one page keep theirs apart. */
	id: string;
	/** The receipt of the registration to correct: it proves this browser made it. */
	receipt: string;
	/** The address the email went to; the field starts with it, so a typo is fixed in place. */
	currentEmail: string;
	lang: Locale;
	support: Support;
	/** The sign-up page, for a registration that can no longer be corrected. */
	signUpUrl: string;
	t: Translate;
	/** The server took the new address: a new email is on its way there. */
	onChanged: (email: string, resendAfterSeconds: number) => void;
	onCancel: () => void;
	/** The server no longer knows the receipt. */
	onReceiptLost?: (() => void) | undefined;
}

/**
 * “That's not my address”: the right address for a pending registration. It starts with the
 * address the email went to (the typo checker then suggests at once, “did you mean gmail.com?”);
 * the server sends a new email to the new address and the old address's link and code stop
 * working. Errors of the field go to the error summary, which takes focus; a problem with the
 * request goes to the alert region, and when the registration can no longer be corrected it
 * says so and leads to a new registration.
 */
export function ChangeAddressForm({ id, receipt, currentEmail, lang, support, signUpUrl, t, onChanged, onCancel, onReceiptLost }: ChangeAddressFormProps) {
	const [email, setEmail] = useState(currentEmail);
	const [errors, setErrors] = useState<FormError[]>([]);
	const [registerAgain, setRegisterAgain] = useState(false);
	const request = useRequest(t, lang);
	const fieldId = `${id}-email`;

	// Opened by the reader: the field is where they go next.
	useEffect(() => document.getElementById(fieldId)?.focus(), [fieldId]);

	async function submit() {
		if (request.busy) return;
		const address = normalizeEmail(email);
		const found: FormError[] = [];
		if (!address) found.push({ field: fieldId, message: t('widgets.form.emailMissing') });
		else if (!isValidEmail(address)) found.push({ field: fieldId, message: t('widgets.form.emailInvalid') });
		else if (address === normalizeEmail(currentEmail)) found.push({ field: fieldId, message: t('widgets.change.same') });
		setErrors(found);
		request.setProblem(null);
		setRegisterAgain(false);
		if (found.length > 0) return;
		const answer = await request.send('changeAddress', { receipt, email: address, locale: lang }, (problem, described) => {
			if (problem.code === 'invalid_email') {
				setErrors([{ field: fieldId, message: described.message }]);
				return true;
			}
			if (problem.code === 'invalid_receipt') {
				request.setProblem({ message: t('widgets.change.lost'), action: 'register_again' });
				setRegisterAgain(true);
				onReceiptLost?.();
				return true;
			}
			if (problem.code === 'too_many_changes') setRegisterAgain(true);
			return false;
		});
		if (answer) onChanged(address, answer.resendAfterSeconds);
	}

	return (
		<form
			class="widget-change"
			noValidate
			aria-busy={request.busy}
			aria-labelledby={`${id}-title`}
			onSubmit={(event) => {
				event.preventDefault();
				void submit();
			}}
		>
			<h3 id={`${id}-title`} class="widget-legend">
				{t('widgets.change.title')}
			</h3>
			<ErrorSummary id={`${id}-errors`} title={t('widgets.form.errorTitle')} errors={errors} />
			<EmailField
				id={fieldId}
				value={email}
				onInput={setEmail}
				label={t('widgets.change.label')}
				// The Arabic sentence isolates the address itself (U+2068…U+2069): a hint is text, not markup.
				hint={t('widgets.change.hint', { email: currentEmail })}
				error={errors.find((error) => error.field === fieldId)?.message}
				disabled={false}
				t={t}
			/>
			<div role="alert" class="widget-alert">
				{request.problem && <ProblemNotice problem={request.problem} support={support} t={t} onRetry={() => void submit()} />}
				{registerAgain && (
					<p>
						<a href={signUpUrl}>{t('widgets.change.registerAgain')}</a>
					</p>
				)}
			</div>
			<div class="widget-actions">
				<BusyButton busy={request.busy} label={t('widgets.change.submit')} busyLabel={t('widgets.change.submitting')} />
				<button type="button" class="widget-button widget-button--secondary" onClick={onCancel}>
					{t('widgets.change.cancel')}
				</button>
			</div>
		</form>
	);
}
