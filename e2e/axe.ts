import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** The rules the help center must pass: WCAG 2.0–2.2 A and AA, plus axe's best practices. */
export const axeTags = ['wcag2a', 'wcag21a', 'wcag2aa', 'wcag21aa', 'wcag22aa', 'best-practice'];

/**
 * Runs axe on the page as it is now and fails with each violation's rule and elements; `state`
 * (“with the errors shown”) names the moment in the failure message.
 */
export async function expectNoAxeViolations(page: Page, state?: string): Promise<void> {
	const { violations } = await new AxeBuilder({ page }).withTags(axeTags).analyze();
	expect(
		violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
		state && `axe violations with the widget ${state}`,
	).toEqual([]);
}
