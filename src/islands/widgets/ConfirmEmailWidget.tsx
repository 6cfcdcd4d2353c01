import { useEffect, useState } from 'preact/hooks';

import type { UiStringKey } from '../../content/i18n-schema.ts';
import type { Settings } from '../../signup/contract.ts';
import { BusyButton } from '../parts/BusyButton.tsx';
import { problemNoticeKeys } from '../parts/ProblemNotice.tsx';
import { RequestAlert } from '../parts/RequestAlert.tsx';
import { SignInNext } from '../parts/SignInNext.tsx';
import type { Support } from '../parts/SupportContacts.tsx';
import { tokenFromFragment } from '../lib/fragment.ts';
import { useFocusWhen, useHydrated } from '../lib/hooks.ts';
import { announceConfirmed } from '../lib/receipt.ts';
import { useRequest } from '../lib/request.ts';
import { translator, type Strings } from '../lib/strings.ts';

/** The strings the confirm page's widget shows, in every state. */
export const confirmEmailKeys = [
	...problemNoticeKeys,
	'widgets.form.loading',
	'widgets.confirm.intro',
	'widgets.confirm.submit',
	'widgets.confirm.submitting',
	'widgets.confirm.missingToken',
	'widgets.confirm.missingTokenLink',
	'widgets.confirm.getNew',
	'widgets.status.confirmed',
	'widgets.login',
] as const satisfies readonly UiStringKey[];

/** What the page behind the email's link gives the confirm widget. */
export interface ConfirmEmailWidgetProps {
	strings: Strings;
	lang: string;
	loginUrl: string;
	/** The confirmation help page in this language, for a new email. */
	statusUrl: string;
	support: Support;
	/** Without codes, the page does not speak of one. */
	features: Pick<Settings['features'], 'confirmationCode'>;
}

/**
 * The page a confirmation link opens. Nothing happens on load — mail scanners open links too —
 * so the reader presses “Confirm my email”; then the result: a login link, or a way to a new email.
 */
export function ConfirmEmailWidget({ strings, lang, loginUrl, statusUrl, support, features }: ConfirmEmailWidgetProps) {
	const t = translator(strings);
	const hydrated = useHydrated();
	const [token, setToken] = useState<string | undefined>(undefined);
	const request = useRequest(t, lang);
	const [confirmed, setConfirmed] = useState(false);
	const resultHeading = useFocusWhen<HTMLParagraphElement>(confirmed);

	useEffect(() => setToken(tokenFromFragment(location.hash)), []);

	async function confirm() {
		if (!token) return;
		if (await request.send('confirm', { token })) {
			setConfirmed(true);
			announceConfirmed();
		}
	}

	if (hydrated && !token) {
		return (
			<div class="widget">
				<p>{t(features.confirmationCode ? 'widgets.confirm.missingToken' : 'widgets.confirm.missingTokenLink')}</p>
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
					<SignInNext text={t('widgets.status.confirmed')} focusRef={resultHeading} loginUrl={loginUrl} t={t} />
				) : (
					<p>{t('widgets.confirm.intro')}</p>
				)}
			</div>
			<RequestAlert problem={request.problem} support={support} t={t} onRetry={() => void confirm()} newEmail={{ href: statusUrl, label: t('widgets.confirm.getNew') }} />
			{!confirmed && request.problem?.action !== 'new_email' && (
				<>
					{!hydrated && <p class="widget-loading">{t('widgets.form.loading')}</p>}
					<BusyButton busy={request.busy} loading={!hydrated} label={t('widgets.confirm.submit')} busyLabel={t('widgets.confirm.submitting')} onClick={() => void confirm()} />
				</>
			)}
		</div>
	);
}
