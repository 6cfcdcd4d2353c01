import type { ProblemMessage } from '../lib/problem-message.ts';
import type { Translate } from '../lib/strings.ts';
import { ProblemNotice } from './ProblemNotice.tsx';
import type { Support } from './SupportContacts.tsx';

interface RequestAlertProps {
	/** The problem of the widget's last request; `null` leaves the region empty. */
	problem: ProblemMessage | null;
	support: Support;
	t: Translate;
	/** Sends the failed request again; offered for `retry` problems. */
	onRetry?: (() => void) | undefined;
	/** Where a link from an email that no longer works leads for a new one (`new_email` problems), and its words. */
	newEmail?: { href: string; label: string } | undefined;
}

/**
 * A widget's assertive live region for its request's problem: always in the page, so that screen
 * readers announce what appears in it; the problem's notice, and for a link that no longer works
 * the way to a new email.
 */
export function RequestAlert({ problem, support, t, onRetry, newEmail }: RequestAlertProps) {
	return (
		<div role="alert" class="widget-alert">
			{problem && (
				<>
					<ProblemNotice problem={problem} support={support} t={t} onRetry={onRetry} />
					{newEmail && problem.action === 'new_email' && (
						<p>
							<a href={newEmail.href}>{newEmail.label}</a>
						</p>
					)}
				</>
			)}
		</div>
	);
}
