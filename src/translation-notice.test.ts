import { describe, expect, it } from 'vitest';

import { englishSourceOf, isMarkedOutdated, outdatedBanner } from './translation-notice.ts';

describe('the outdated-translation notice', () => {
	it('finds the English source of a translated page, shared or a provider’s own', () => {
		expect(englishSourceOf('src/content/docs/fr/faq.mdx')).toBe('src/content/docs/faq.mdx');
		expect(englishSourceOf('src/providers/fleetwise/content/docs/de/fleet.mdx')).toBe('src/providers/fleetwise/content/docs/fleet.mdx');
		expect(englishSourceOf('src/content/docs/faq.mdx')).toBeNull();
	});

	it('shows only on pages marked outdated', () => {
		const records = { 'src/content/docs/faq.mdx': { outdated: true as const }, 'src/content/docs/sign-up.mdx': {} };
		expect(isMarkedOutdated('src/content/docs/fr/faq.mdx', records)).toBe(true);
		expect(isMarkedOutdated('src/content/docs/fr/sign-up.mdx', records)).toBe(false);
		expect(isMarkedOutdated('src/content/docs/faq.mdx', records)).toBe(false);
		expect(isMarkedOutdated(undefined, records)).toBe(false);
	});

	it('links to the English page, escaped', () => {
		expect(outdatedBanner('Cette traduction peut être en retard.', 'Lire la page en anglais', '/faq/?a=1&b=2')).toBe(
			'Cette traduction peut être en retard. <a href="/faq/?a=1&#38;b=2" hreflang="en">Lire la page en anglais</a>',
		);
		expect(outdatedBanner('<b>', 'x', undefined)).toBe('&#60;b&#62;');
	});
});
