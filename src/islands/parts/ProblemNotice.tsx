import type { UiStringKey } from '../../content/i18n-schema.ts';
import { problemKeys, type ProblemMessage } from '../lib/problem-message.ts';
import type { Translate } from '../lib/strings.ts';
import { SupportContacts, supportContactsKeys, type Support } from './SupportContacts.tsx';

/** The strings a problem notice may show: every problem's message, “Try again”, the contacts. */
export const problemNoticeKeys = [...problemKeys, 'widgets.retry', ...supportContactsKeys] as const satisfies readonly UiStringKey[];

interface ProblemNoticeProps {
	problem: ProblemMessage;
	support: Support;
	t: Translate;
	/** Sends the failed request again; offered for `retry` problems. */
	onRetry?: (() => void) | undefined;
}

/**
 * A problem with a whole request (not with one field): its message, and what to do — try again,
 * wait, or contact the provider. Sits inside the widget's always-present assertive live region.
 */
export function ProblemNotice({ problem, support, t, onRetry }: ProblemNoticeProps) {
	return (
		<div class="widget-problem">
			<p>{problem.message}</p>
			{problem.action === 'retry' && onRetry && (
				<button type="button" class="widget-button widget-button--secondary" onClick={onRetry}>
					{t('widgets.retry')}
				</button>
			)}
			{(problem.action === 'support' || problem.action === 'retry') && <SupportContacts support={support} t={t} />}
		</div>
	);
}
