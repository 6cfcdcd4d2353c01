interface BusyButtonProps {
	/** The button's request is on its way: it says so and a second press does nothing. */
	busy: boolean;
	label: string;
	/** The words while busy (“Sending…”). */
	busyLabel: string;
	/** Another reason a press would do nothing now (a countdown runs): announced as disabled too. */
	waiting?: boolean;
	/** The island does not run yet: disabled for real, and busy, until it does. */
	loading?: boolean;
	/** A plain button with its own action; without it, the form's submit button. */
	onClick?: (() => void) | undefined;
	/** The id of a note that explains the button (a countdown). */
	describedBy?: string | undefined;
}

/**
 * A widget's submit button while its request runs. `aria-disabled`, not `disabled`, during the
 * request: a disabled button would drop the keyboard focus mid-request.
 */
export function BusyButton({ busy, label, busyLabel, waiting = false, loading = false, onClick, describedBy }: BusyButtonProps) {
	return (
		<button
			type={onClick ? 'button' : 'submit'}
			class="widget-button"
			disabled={loading || undefined}
			aria-disabled={busy || waiting}
			aria-busy={busy || loading}
			aria-describedby={describedBy}
			onClick={onClick}
		>
			{busy ? busyLabel : label}
		</button>
	);
}
