import type { UiStringKey } from '../../content/i18n-schema.ts';
import { Field, describedBy, fieldKeys } from './Field.tsx';
import type { Translate } from '../lib/strings.ts';

/** The strings the code field shows. */
export const codeFieldKeys = [...fieldKeys, 'widgets.code.label', 'widgets.code.hint'] as const satisfies readonly UiStringKey[];

interface CodeFieldProps {
	id: string;
	value: string;
	onInput: (value: string) => void;
	error?: string | undefined;
	disabled: boolean;
	t: Translate;
}

/** The six-digit code field: a numeric keyboard on phones, and the code offered by the OS from the email. */
export function CodeField({ id, value, onInput, error, disabled, t }: CodeFieldProps) {
	const hint = t('widgets.code.hint');
	return (
		<Field id={id} label={t('widgets.code.label')} hint={hint} error={error} errorPrefix={t('widgets.form.errorPrefix')}>
			<input
				id={id}
				name="code"
				type="text"
				inputMode="numeric"
				autocomplete="one-time-code"
				pattern="[0-9 ]*"
				maxLength={9}
				dir="ltr"
				spellcheck={false}
				value={value}
				disabled={disabled}
				aria-invalid={error ? 'true' : undefined}
				aria-describedby={describedBy(id, hint, error)}
				onInput={(event) => onInput(event.currentTarget.value)}
				class="widget-input widget-input--code"
			/>
		</Field>
	);
}
