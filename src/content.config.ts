import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { i18nLoader } from '@astrojs/starlight/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';
import provider from 'virtual:help-center/provider';

import { providerContent } from '../config/provider-site.ts';
import { UiStringsSchema } from './content/i18n-schema.ts';

// The pages of the provider's languages, with its own pages laid over the shared ones.
const { patterns, generateId } = providerContent(process.cwd(), provider);

export const collections = {
	docs: defineCollection({ loader: glob({ base: './src', pattern: patterns, generateId }), schema: docsSchema() }),
	i18n: defineCollection({ loader: i18nLoader(), schema: i18nSchema({ extend: UiStringsSchema }) }),
};
