import { useFocusWhen } from '../lib/hooks.ts';

/** One error of a form: the field it is about and its message. */
export interface FormError {
	/** The id of the input to move to; none for a problem with the whole form. */
	field?: string;
	message: string;
}

/**
 * The list of a form's errors, shown above the form after a failed submit. It takes focus, so
 * screen readers read it and keyboard users start from it; each error links to its field.
 * The `role="alert"` sits on an inner element, as GOV.UK does, so focusing and announcing do not race.
 */
export function ErrorSummary({ id, title, errors, level = 3 }: { id: string; title: string; errors: FormError[]; level?: 2 | 3 }) {
	const ref = useFocusWhen<HTMLDivElement>(errors.length > 0 ? errors : null);
	if (errors.length === 0) return null;
	// Level 3 under the section heading of the form's page; level 2 where the form sits right under the h1.
	const Heading = level === 2 ? 'h2' : 'h3';
	return (
		<div class="widget-error-summary" tabIndex={-1} ref={ref} aria-labelledby={`${id}-title`}>
			<div role="alert">
				<Heading id={`${id}-title`} class="widget-error-summary__title">
					{title}
				</Heading>
				<ul>
					{errors.map((error) => (
						<li key={error.message}>
							{error.field ? (
								<a
									href={`#${error.field}`}
									onClick={(event) => {
										event.preventDefault();
										document.getElementById(error.field!)?.focus();
									}}
								>
									{error.message}
								</a>
							) : (
								error.message
							)}
						</li>
					))}
				</ul>
			</div>
		</div>
	);
}
