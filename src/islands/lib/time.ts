import { intlTag } from '../../../config/locales.ts';

/**
 * “in 5 minutes”, “dans 5 minutes”, “через 5 минут”: a wait in the reader's language, with the
 * grammar (plurals) handled by the browser's `Intl.RelativeTimeFormat`.
 */
export function formatWait(seconds: number, lang: string): string {
	const format = new Intl.RelativeTimeFormat(intlTag(lang), { numeric: 'always' });
	if (seconds < 60) return format.format(Math.max(1, Math.ceil(seconds)), 'second');
	if (seconds < 3600) return format.format(Math.ceil(seconds / 60), 'minute');
	return format.format(Math.ceil(seconds / 3600), 'hour');
}

/**
 * A countdown as a duration in the reader's words (“4 minutes, 5 seconds”, “4 minutes et
 * 5 secondes”, “4 минуты 5 секунд”) rather than a clock time (“dans 4:05”), which reads as an
 * hour of the day. A browser without `Intl.DurationFormat` shows `m:ss`.
 */
export function formatCountdown(seconds: number, lang: string): string {
	const whole = Math.max(0, Math.ceil(seconds));
	const duration = { minutes: Math.floor(whole / 60), seconds: whole % 60 };
	if (typeof Intl.DurationFormat !== 'function') return `${duration.minutes}:${String(duration.seconds).padStart(2, '0')}`;
	return new Intl.DurationFormat(intlTag(lang), { style: 'long', secondsDisplay: whole === 0 ? 'always' : 'auto' }).format(duration);
}

/**
 * A moment as the reader's clock shows it, with the time zone named so it cannot be misread:
 * “10:04 UTC”, “10:04 UTC+1”; with the date too when it is not today's (“1 Dec, 10:04 UTC+1”).
 * Arabic keeps Western digits, as the pages do (`numberingSystem: 'latn'`). `timeZone` is the
 * reader's own unless a test names one.
 */
export function formatClockTime(iso: string, lang: string, { now = Date.now(), timeZone }: { now?: number; timeZone?: string } = {}): string {
	const at = new Date(iso);
	if (Number.isNaN(at.getTime())) return iso;
	const zone = timeZone ? { timeZone } : {};
	const day = (time: number) => new Intl.DateTimeFormat('en-CA', { ...zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(time);
	const sameDay = day(at.getTime()) === day(now);
	return new Intl.DateTimeFormat(lang, {
		...zone,
		numberingSystem: 'latn',
		hour: 'numeric',
		minute: '2-digit',
		timeZoneName: 'short',
		...(sameDay ? {} : { month: 'short', day: 'numeric' }),
	}).format(at);
}
