import { z } from 'astro/zod';

import english from './i18n/en.json';

/** A key of the strings this project adds to Starlight's UI translations (`src/content/i18n/en.json`). */
export type UiStringKey = keyof typeof english;

/**
 * The strings this project adds to Starlight's own UI translations. English defines the keys:
 * every locale's `src/content/i18n/<lang>.json` must define each of them (a missing one fails the
 * build here, and `npm test` names it). Keys are grouped by where they appear: `contacts.*`,
 * `login.*`, `widgets.<widget>.*`; `{{name}}` marks a value filled in at run time.
 */
export const UiStringsSchema = z.object(
	Object.fromEntries(Object.keys(english).map((key) => [key, z.string().min(1)])) as Record<UiStringKey, z.ZodString>,
);
