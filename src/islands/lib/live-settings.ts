import { useState } from 'preact/hooks';

import type { Settings } from '../../signup/contract.ts';
import { callApi } from './api.ts';

let asked: Promise<Settings | undefined> | undefined;

/**
 * The provider's settings as the server publishes them now (`GET /api/v1/settings`): asked once
 * per page, the first time a widget calls this. The build's values may be out of date — the
 * provider may have turned self-registration off or changed its policy since. A failed question
 * resolves `undefined` (the widget keeps the build's values; the server still has the last word)
 * and is asked again next time.
 */
export function liveSettings(): Promise<Settings | undefined> {
	asked ??= callApi('settings').then((result) => {
		if (result.ok) return result.data;
		asked = undefined;
		return undefined;
	});
	return asked;
}

/** Forgets the answer (tests only: a page asks once). */
export function forgetLiveSettings(): void {
	asked = undefined;
}

/**
 * The live settings in a widget: `null` until the reader first uses it (`ask`, from a focus or a
 * submit), then the server's answer. `ask` resolves with it, for a submit that must wait for it.
 */
export function useLiveSettings(): { settings: Settings | null; ask: () => Promise<Settings | undefined> } {
	const [settings, setSettings] = useState<Settings | null>(null);
	const ask = async () => {
		const found = await liveSettings();
		if (found) setSettings((previous) => previous ?? found);
		return found;
	};
	return { settings, ask };
}
