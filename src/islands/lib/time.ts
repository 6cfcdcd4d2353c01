/**
 * “in 5 minutes”, “dans 5 minutes”, “через 5 минут”: a wait in the reader's language, with the
 * grammar (plurals) handled by the browser's `Intl.RelativeTimeFormat`.
 */
export function formatWait(seconds: number, lang: string): string {
	const format = new Intl.RelativeTimeFormat(lang, { numeric: 'always' });
	if (seconds < 60) return format.format(Math.max(1, Math.ceil(seconds)), 'second');
	if (seconds < 3600) return format.format(Math.ceil(seconds / 60), 'minute');
	return format.format(Math.ceil(seconds / 3600), 'hour');
}

/** A countdown as `m:ss` (`4:05`), digits only, so it needs no plural forms. */
export function formatCountdown(seconds: number): string {
	const whole = Math.max(0, Math.ceil(seconds));
	return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}
