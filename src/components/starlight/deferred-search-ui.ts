/**
 * Stands in for `@pagefind/default-ui` where Starlight's search imports it (see
 * `src/integrations/deferred-search.ts`). Starlight creates the Pagefind UI at idle on every page,
 * which downloads about 26 KB gz of JavaScript whether or not the reader searches. This class takes
 * the same options and downloads the real UI on the first sign of intent instead: the search button
 * gets focus or a pointer, or is pressed, or the Ctrl/⌘+K shortcut is typed.
 */

/** The options Starlight passes to `new PagefindUI(…)`; they go to the real one unchanged. */
type PagefindUIOptions = Record<string, unknown> & { element: string };

export class PagefindUI {
	#started: Promise<void> | undefined;

	constructor(options: PagefindUIOptions) {
		const root = document.querySelector('site-search');
		const button = root?.querySelector<HTMLButtonElement>('button[data-open-modal]');
		const dialog = root?.querySelector('dialog');
		const start = () => this.#start(options, dialog);
		if (dialog?.open) {
			// The reader opened search before the page went idle.
			void start();
			return;
		}
		for (const event of ['focus', 'pointerenter', 'click']) button?.addEventListener(event, start);
		window.addEventListener('keydown', (event) => {
			if ((event.metaKey || event.ctrlKey) && event.key === 'k') void start();
		});
	}

	/** Downloads and creates the real UI once; a failed download (offline) is tried again next time. */
	#start(options: PagefindUIOptions, dialog: HTMLDialogElement | null | undefined): Promise<void> {
		this.#started ??= import('@pagefind/default-ui').then(
			({ PagefindUI: RealPagefindUI }) => {
				// A copy: Pagefind's UI deletes the options it has read from the object it is given.
				new RealPagefindUI({ ...options });
				// Starlight focuses the input when the dialog opens; the input exists only now.
				if (dialog?.open) document.querySelector<HTMLInputElement>(`${options.element} input`)?.focus();
			},
			(error: unknown) => {
				this.#started = undefined;
				console.error('The search could not load.', error);
			},
		);
		return this.#started;
	}
}
