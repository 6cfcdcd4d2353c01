import type { ComponentChildren } from 'preact';

import type { UiStringKey } from '../../content/i18n-schema.ts';

/** The strings every field shows: the hidden word before an error. */
export const fieldKeys = ['widgets.form.errorPrefix'] as const satisfies readonly UiStringKey[];

/** Props shared by every labelled field. */
export interface FieldProps {
	/** The input's id; the hint and the error get `<id>-hint` and `<id>-error`. */
	id: string;
	label: string;
	hint?: string | undefined;
	/** The error to show under the label, already translated; none when the field is fine. */
	error?: string | undefined;
	/** The visually hidden word that starts every error for screen readers (“Error:”). */
	errorPrefix: string;
	/** The input (and any button beside it). It must set `aria-describedby={describedBy(...)}`. */
	children: ComponentChildren;
	/** More content under the input: suggestions, a checklist. */
	after?: ComponentChildren;
}

/** The ids that describe an input: its hint and its error, when present. */
export function describedBy(id: string, hint: unknown, error: unknown, ...more: string[]): string | undefined {
	const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : '', ...more].filter(Boolean);
	return ids.length ? ids.join(' ') : undefined;
}

/**
 * A form field laid out as GOV.UK does: label, hint, error, then the input. The error sits above
 * the input so a screen magnifier user sees it before reaching the field.
 */
export function Field({ id, label, hint, error, errorPrefix, children, after }: FieldProps) {
	return (
		<div class={error ? 'widget-field widget-field--error' : 'widget-field'}>
			<label for={id} class="widget-label">
				{label}
			</label>
			{hint && (
				<p id={`${id}-hint`} class="widget-hint">
					{hint}
				</p>
			)}
			{error && (
				<p id={`${id}-error`} class="widget-error">
					<span class="sr-only">{errorPrefix} </span>
					{error}
				</p>
			)}
			{children}
			{after}
		</div>
	);
}
