import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { i18nLoader } from '@astrojs/starlight/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';
import provider, { contentPatterns } from 'virtual:help-center/provider';

import { contentId } from './providers/site.ts';
import { UiStringsSchema } from './content/i18n-schema.ts';

// The pages of the provider's languages, with its own pages laid over the shared ones, as the
// build resolved them once (`astro.config.mjs`).
export const collections = {
	docs: defineCollection({ loader: glob({ base: './src', pattern: contentPatterns, generateId: contentId(provider.layout, provider.id) }), schema: docsSchema() }),
	i18n: defineCollection({ loader: i18nLoader(), schema: i18nSchema({ extend: UiStringsSchema }) }),
};
