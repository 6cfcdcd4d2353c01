import type { ComponentChildren } from 'preact';

import type { UiStringKey } from '../../content/i18n-schema.ts';
import { ErrorSummary, type FormError } from './ErrorSummary.tsx';
import { preloadApi } from '../lib/api.ts';
import type { Translate } from '../lib/strings.ts';

/** The strings of the frame: the error summary's title and the “not ready yet” note. */
export const widgetFormKeys = ['widgets.form.errorTitle', 'widgets.form.loading'] as const satisfies readonly UiStringKey[];

interface WidgetFormProps {
	/** The error summary's id (its heading gets `<id>-title`). */
	errorsId: string;
	errors: FormError[];
	/** The summary's heading level: 2 where the form sits right under the page's h1. */
	errorLevel?: 2 | 3;
	/** A request is on its way. */
	busy: boolean;
	/** The island runs: until then the controls stay disabled, as a press would do nothing. */
	hydrated: boolean;
	onSubmit: () => void;
	/** The reader starts using the form (first focus inside it): load what a submit will need. */
	onFirstUse?: (() => void) | undefined;
	/** Text above the error summary. */
	intro?: ComponentChildren;
	t: Translate;
	/** The fields, the alert region and the submit button. */
	children: ComponentChildren;
}

/**
 * The frame every widget form shares: no browser validation bubbles (the widget explains errors
 * itself), the error summary above the fields, and the API client loaded as soon as the reader
 * starts using the form. Until the island runs, the form is marked busy, its controls are disabled
 * and look it, and a note says it is not ready yet.
 */
export function WidgetForm({ errorsId, errors, errorLevel, busy, hydrated, onSubmit, onFirstUse, intro, t, children }: WidgetFormProps) {
	return (
		<form
			class={hydrated ? 'widget' : 'widget widget--loading'}
			onFocusIn={() => {
				void preloadApi().catch(() => undefined);
				onFirstUse?.();
			}}
			noValidate
			aria-busy={busy || !hydrated}
			onSubmit={(event) => {
				event.preventDefault();
				onSubmit();
			}}
		>
			{intro}
			{!hydrated && <p class="widget-loading">{t('widgets.form.loading')}</p>}
			<ErrorSummary id={errorsId} title={t('widgets.form.errorTitle')} errors={errors} {...(errorLevel ? { level: errorLevel } : {})} />
			<fieldset disabled={!hydrated} class="widget-fieldset">
				{children}
			</fieldset>
		</form>
	);
}
