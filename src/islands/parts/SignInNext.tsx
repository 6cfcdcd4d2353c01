import type { RefObject } from 'preact';

import type { Translate } from '../lib/strings.ts';

interface SignInNextProps {
	/** What just succeeded, in one sentence; focused when it appears, so it is read first. */
	text: string;
	focusRef: RefObject<HTMLParagraphElement>;
	loginUrl: string;
	t: Translate;
}

/** A success that leaves one thing to do: the sentence, and the way to the provider's login page. */
export function SignInNext({ text, focusRef, loginUrl, t }: SignInNextProps) {
	return (
		<>
			<p tabIndex={-1} ref={focusRef}>
				{text}
			</p>
			<p>
				<a href={loginUrl} class="widget-button">
					{t('widgets.login')}
				</a>
			</p>
		</>
	);
}
