import { useState } from 'preact/hooks';

import type { PasswordPolicy, PasswordRule } from '../signup/contract.ts';
import { checkPassword } from '../signup/password-policy.ts';
import { Field, describedBy } from './Field.tsx';
import { loadStrengthMeter, type StrengthMeter } from './lib/strength.ts';
import type { Translate } from './lib/strings.ts';
import type { UiStringKey } from '../content/i18n-schema.ts';

interface PasswordFieldProps {
	id: string;
	value: string;
	onInput: (value: string) => void;
	/** The policy the provider publishes; the checklist shows each of its rules. */
	policy: PasswordPolicy;
	/** The address typed beside it: the policy may forbid it in the password, and zxcvbn penalises it. */
	email: string;
	/** Rules the server reported broken (`common` can only come from there). */
	serverRules?: PasswordRule[] | undefined;
	error?: string | undefined;
	/** `new`: the reset page's “New password” label. */
	variant?: 'register' | 'new';
	disabled: boolean;
	t: Translate;
}

/** The rules of a policy that apply, each with its checklist text. */
export function policyRules(policy: PasswordPolicy, t: Translate): { rule: PasswordRule; text: string }[] {
	const rules: { rule: PasswordRule; text: string }[] = [
		{ rule: 'min_length', text: t('widgets.password.rule.min_length', { count: policy.minLength }) },
		{ rule: 'max_length', text: t('widgets.password.rule.max_length', { count: policy.maxLength }) },
	];
	const counted: [PasswordRule, number, UiStringKey][] = [
		['lowercase', policy.minLowercase, 'widgets.password.rule.lowercase'],
		['uppercase', policy.minUppercase, 'widgets.password.rule.uppercase'],
		['digit', policy.minDigits, 'widgets.password.rule.digit'],
	];
	for (const [rule, count, key] of counted) if (count > 0) rules.push({ rule, text: t(key, { count }) });
	if (policy.minSpecial > 0) {
		rules.push({
			rule: 'special',
			text:
				policy.specialCharacters === null
					? t('widgets.password.rule.specialAny', { count: policy.minSpecial })
					: t('widgets.password.rule.special', { count: policy.minSpecial, characters: policy.specialCharacters }),
		});
	}
	if (policy.rejectEmail) rules.push({ rule: 'contains_email', text: t('widgets.password.rule.contains_email') });
	return rules;
}

/**
 * A new-password field: show/hide toggle, paste allowed, a checklist of the provider's rules
 * that updates as the reader types, and a strength meter whose dictionaries load on first focus.
 */
export function PasswordField({ id, value, onInput, policy, email, serverRules = [], error, variant = 'register', disabled, t }: PasswordFieldProps) {
	const [visible, setVisible] = useState(false);
	const [meter, setMeter] = useState<StrengthMeter | null>(null);
	const broken = new Set([...checkPassword(value, policy, { email }), ...serverRules.filter((rule) => rule === 'common')]);
	const rules = policyRules(policy, t);
	if (serverRules.includes('common')) rules.push({ rule: 'common', text: t('widgets.password.rule.common') });
	const score = meter && value ? meter(value, email ? [email, email.split('@')[0] ?? ''] : []) : null;
	const hint = t('widgets.password.hint');

	return (
		<Field
			id={id}
			label={t(variant === 'new' ? 'widgets.password.newLabel' : 'widgets.password.label')}
			hint={hint}
			error={error}
			errorPrefix={t('widgets.form.errorPrefix')}
			after={
				<>
					<div class="widget-rules" id={`${id}-rules`}>
						<p class="widget-rules__title">{t('widgets.password.rulesTitle')}</p>
						<ul>
							{rules.map(({ rule, text }) => {
								const met = value !== '' && !broken.has(rule);
								return (
									<li key={rule} class={met ? 'widget-rule widget-rule--met' : 'widget-rule'}>
										<span aria-hidden="true" class="widget-rule__mark">
											{met ? '✓' : '•'}
										</span>
										{text}
										<span class="sr-only"> ({met ? t('widgets.password.ruleMet') : t('widgets.password.ruleUnmet')})</span>
									</li>
								);
							})}
						</ul>
					</div>
					{score !== null && (
						<div class="widget-strength" data-score={score}>
							<meter min={0} max={4} low={2} high={3} optimum={4} value={score} aria-hidden="true" />
							<span>{t('widgets.password.strength', { level: t(`widgets.password.strength.${score}`) })}</span>
						</div>
					)}
				</>
			}
		>
			<div class="widget-password">
				<input
					id={id}
					name="password"
					type={visible ? 'text' : 'password'}
					autocomplete="new-password"
					spellcheck={false}
					autocapitalize="off"
					dir="auto"
					required
					value={value}
					disabled={disabled}
					aria-invalid={error ? 'true' : undefined}
					aria-describedby={describedBy(id, hint, error, `${id}-rules`)}
					onFocus={() => {
						if (!meter) loadStrengthMeter().then((loaded) => setMeter(() => loaded), () => undefined);
					}}
					onInput={(event) => onInput(event.currentTarget.value)}
					class="widget-input"
				/>
				{/* A toggle keeps one label; `aria-pressed` tells whether the password is shown. */}
				<button
					type="button"
					class="widget-toggle"
					aria-controls={id}
					aria-pressed={visible}
					disabled={disabled}
					onClick={() => setVisible(!visible)}
				>
					{t('widgets.password.show')}
				</button>
			</div>
		</Field>
	);
}
