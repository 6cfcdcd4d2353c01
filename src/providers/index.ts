import defaultProfile from './default/profile.ts';
import { ProviderProfileSchema, type ProviderProfile } from './schema.ts';

/** The active provider's validated profile. White-label builds will choose it with `PROVIDER`. */
export const provider: ProviderProfile = ProviderProfileSchema.parse(defaultProfile);
