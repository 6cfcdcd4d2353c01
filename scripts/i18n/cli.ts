/**
 * `npm run i18n:status` — what is behind its English source, per language, for translators.
 * `npm run i18n:stamp -- <lang|--all> [unit…] [--force]` — records that translations match the English as it is now.
 * `npm run i18n:outdated -- <lang> <unit…>` — marks translations as behind; their pages tell readers so.
 *
 * A unit is a page's English file (`src/content/docs/faq.mdx`) or a string (`ui:<key>`, `mail:<key>`).
 */
import { fileURLToPath } from 'node:url';

import { localeKeys, locales } from '../../config/locales.ts';
import { collectUnits, findStale, markOutdated, readState, stamp, StampError, unitStatus } from './translation-state.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const [command, ...rest] = process.argv.slice(2);
const force = rest.includes('--force');
const args = rest.filter((arg) => arg !== '--force');
const languages = localeKeys.filter((key) => key !== 'root').map((key) => locales[key].lang as string);

function status(): number {
	const state = readState(root);
	const units = collectUnits(root);
	for (const lang of languages) {
		const own = units.filter((unit) => unit.lang === lang);
		const behind = own.map((unit) => ({ unit, status: unitStatus(unit, state[lang]?.[unit.id]) })).filter(({ status }) => status !== 'current');
		console.log(`${lang}: ${own.length - behind.length} of ${own.length} current${behind.length ? '' : '.'}`);
		for (const { unit, status } of behind) console.log(`  ${status.padEnd(9)} ${unit.id}`);
	}
	const stale = findStale(root);
	if (stale.length > 0) console.log(`\n${stale.length} translation(s) need a decision (update and stamp, or mark outdated).`);
	return 0;
}

try {
	if (command === 'status') process.exitCode = status();
	else if (command === 'stamp') {
		const [target, ...ids] = args;
		if (!target) throw new StampError('Name a language (fr, pt-BR…) or --all.');
		for (const lang of target === '--all' ? languages : [target]) {
			if (!languages.includes(lang)) throw new StampError(`${lang} is not a translated language (${languages.join(', ')}).`);
			const stamped = stamp(root, lang, ids, force);
			console.log(`${lang}: stamped ${stamped.length} unit(s)`);
		}
	} else if (command === 'outdated') {
		const [lang, ...ids] = args;
		if (!lang || ids.length === 0) throw new StampError('Name a language and at least one unit.');
		markOutdated(root, lang, ids);
		console.log(`${lang}: marked ${ids.length} unit(s) outdated`);
	} else {
		throw new StampError('Use status, stamp or outdated.');
	}
} catch (error) {
	if (!(error instanceof StampError)) throw error;
	console.error(error.message);
	process.exitCode = 1;
}
