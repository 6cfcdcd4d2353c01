import provider from 'virtual:help-center/provider';

/**
 * The profile of the provider this site is built for (`PROVIDER=<id>`, `default` otherwise),
 * validated by the build.
 */
export { provider };
