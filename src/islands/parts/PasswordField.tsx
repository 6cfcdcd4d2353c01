import type { ComponentChild } from 'preact';
import { useState } from 'preact/hooks';

import type { PasswordPolicy, PasswordRule } from '../../signup/contract.ts';
import { checkPassword } from '../../signup/password-policy.ts';
import { Field, describedBy, fieldKeys } from './Field.tsx';
import { loadStrengthMeter, type StrengthMeter } from '../lib/strength.ts';
import { fillParts, type Translate } from '../lib/strings.ts';
import type { UiStringKey } from '../../content/i18n-schema.ts';

/** The strings a password field shows. */
export const passwordFieldKeys = [
	...fieldKeys,
	'widgets.password.label',
	'widgets.password.newLabel',
	'widgets.password.hint',
	'widgets.password.show',
	'widgets.password.rulesTitle',
	'widgets.password.ruleMet',
	'widgets.password.ruleUnmet',
	'widgets.password.ruleOnSubmit',
	'widgets.password.rule.min_length',
	'widgets.password.rule.max_length',
	'widgets.password.rule.lowercase',
	'widgets.password.rule.uppercase',
	'widgets.password.rule.digit',
	'widgets.password.rule.special',
	'widgets.password.rule.specialAny',
	'widgets.password.rule.contains_email',
	'widgets.password.rule.common',
	'widgets.password.strength',
	'widgets.password.strength.0',
	'widgets.password.strength.1',
	'widgets.password.strength.2',
	'widgets.password.strength.3',
	'widgets.password.strength.4',
] as const satisfies readonly UiStringKey[];

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

/** One line of the checklist. */
export interface RuleLine {
	rule: PasswordRule;
	text: ComponentChild[] | string;
	/** Only the server can check it (the common-password list): the line says so instead of ticking. */
	onSubmit?: boolean;
}

/** The rules of a policy that apply, each with its checklist text. */
export function policyRules(policy: PasswordPolicy, t: Translate): RuleLine[] {
	const rules: RuleLine[] = [
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
					: // The characters read left to right in every language: isolated, a right-to-left page does not reverse them.
						fillParts(t('widgets.password.rule.special', { count: policy.minSpecial }), {
							characters: (
								<bdi dir="ltr" class="widget-chars">
									{policy.specialCharacters}
								</bdi>
							),
						}),
		});
	}
	if (policy.rejectEmail) rules.push({ rule: 'contains_email', text: t('widgets.password.rule.contains_email') });
	if (policy.rejectCommon) rules.push({ rule: 'common', text: t('widgets.password.rule.common'), onSubmit: true });
	return rules;
}

/**
 * A new-password field: show/hide toggle, paste allowed, a checklist of the provider's rules
 * that updates as the reader types (the common-password rule says it is checked on submit), and a
 * strength meter whose dictionaries load on first focus.
 */
export function PasswordField({ id, value, onInput, policy, email, serverRules = [], error, variant = 'register', disabled, t }: PasswordFieldProps) {
	const [visible, setVisible] = useState(false);
	const [meter, setMeter] = useState<StrengthMeter | null>(null);
	const commonRefused = serverRules.includes('common');
	const broken = new Set([...checkPassword(value, policy, { email }), ...(commonRefused ? (['common'] as const) : [])]);
	const rules = policyRules(policy, t);
	// The server refused it as common even though the build's policy did not say so: show why.
	if (commonRefused && !policy.rejectCommon) rules.push({ rule: 'common', text: t('widgets.password.rule.common') });
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
							{rules.map(({ rule, text, onSubmit }) => {
								const refused = value !== '' && broken.has(rule);
								// A rule only the server checks is never ticked here: the browser cannot know.
								const state = onSubmit && !refused ? 'submit' : value !== '' && !refused ? 'met' : 'unmet';
								return (
									<li key={rule} class={`widget-rule widget-rule--${state}`} data-rule={rule}>
										<span aria-hidden="true" class="widget-rule__mark">
											{state === 'met' ? '✓' : '•'}
										</span>
										{text}
										{/* Said aloud for every rule; shown too where only the server can check it. */}
										<span class={state === 'submit' ? 'widget-rule__when' : 'sr-only'}>
											{' '}
											({t(state === 'met' ? 'widgets.password.ruleMet' : state === 'submit' ? 'widgets.password.ruleOnSubmit' : 'widgets.password.ruleUnmet')})
										</span>
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
