import { useMemo } from 'preact/hooks';

import type { UiStringKey } from '../../content/i18n-schema.ts';
import { Field, describedBy, fieldKeys } from './Field.tsx';
import { suggestEmail } from '../lib/email-suggestion.ts';
import type { Translate } from '../lib/strings.ts';

/** The strings an email field shows. */
export const emailFieldKeys = [
	...fieldKeys,
	'widgets.email.label',
	'widgets.email.hint',
	'widgets.email.suggestion',
	'widgets.email.useSuggestion',
] as const satisfies readonly UiStringKey[];

interface EmailFieldProps {
	id: string;
	value: string;
	onInput: (value: string) => void;
	error?: string | undefined;
	/** Show the “this address becomes your login” hint. */
	withHint?: boolean;
	/** Another label than “Email address” (a second address field in the same widget). */
	label?: string | undefined;
	/** Another hint than the login one, already translated. */
	hint?: string | undefined;
	disabled: boolean;
	t: Translate;
}

/**
 * An email field that suggests a fix for a mistyped mail domain (“Did you mean …@gmail.com?”)
 * once the reader leaves a complete address, with a button that applies it.
 */
export function EmailField({ id, value, onInput, error, withHint = false, label, hint: ownHint, disabled, t }: EmailFieldProps) {
	const suggestion = useMemo(() => suggestEmail(value), [value]);
	const hint = ownHint ?? (withHint ? t('widgets.email.hint') : undefined);
	return (
		<Field
			id={id}
			label={label ?? t('widgets.email.label')}
			hint={hint}
			error={error}
			errorPrefix={t('widgets.form.errorPrefix')}
			after={
				<div aria-live="polite" id={`${id}-suggestion`}>
					{suggestion && (
						<p class="widget-suggestion">
							{t('widgets.email.suggestion', { suggestion })}{' '}
							{/* Focus goes back to the field: otherwise it would fall to the page when the button goes. */}
							<button
								type="button"
								class="widget-link-button"
								onClick={() => {
									onInput(suggestion);
									document.getElementById(id)?.focus();
								}}
							>
								{t('widgets.email.useSuggestion', { suggestion })}
							</button>
						</p>
					)}
				</div>
			}
		>
			<input
				id={id}
				name="email"
				type="email"
				autocomplete="email"
				spellcheck={false}
				autocapitalize="off"
				dir="ltr"
				required
				value={value}
				disabled={disabled}
				aria-invalid={error ? 'true' : undefined}
				aria-describedby={describedBy(id, hint, error, ...(suggestion ? [`${id}-suggestion`] : []))}
				onInput={(event) => onInput(event.currentTarget.value)}
				class="widget-input"
			/>
		</Field>
	);
}
