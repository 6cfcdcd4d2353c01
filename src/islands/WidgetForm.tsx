import type { ComponentChildren } from 'preact';

import { ErrorSummary, type FormError } from './ErrorSummary.tsx';
import { preloadApi } from './lib/api.ts';

interface WidgetFormProps {
	/** The error summary's id (its heading gets `<id>-title`). */
	errorsId: string;
	errorTitle: string;
	errors: FormError[];
	/** The summary's heading level: 2 where the form sits right under the page's h1. */
	errorLevel?: 2 | 3;
	/** A request is on its way. */
	busy: boolean;
	/** The island runs: until then the controls stay disabled, as a press would do nothing. */
	hydrated: boolean;
	onSubmit: () => void;
	/** Text above the error summary. */
	intro?: ComponentChildren;
	/** The fields, the alert region and the submit button. */
	children: ComponentChildren;
}

/**
 * The frame every widget form shares: no browser validation bubbles (the widget explains errors
 * itself), the error summary above the fields, the controls disabled until the island runs, and
 * the API client loaded as soon as the reader starts using the form.
 */
export function WidgetForm({ errorsId, errorTitle, errors, errorLevel, busy, hydrated, onSubmit, intro, children }: WidgetFormProps) {
	return (
		<form
			class="widget"
			onFocusIn={() => void preloadApi().catch(() => undefined)}
			noValidate
			aria-busy={busy}
			onSubmit={(event) => {
				event.preventDefault();
				onSubmit();
			}}
		>
			{intro}
			<ErrorSummary id={errorsId} title={errorTitle} errors={errors} {...(errorLevel ? { level: errorLevel } : {})} />
			<fieldset disabled={!hydrated} class="widget-fieldset">
				{children}
			</fieldset>
		</form>
	);
}
