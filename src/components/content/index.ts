/**
 * Components that help pages import in MDX. Each takes its text from the page's locale
 * (`Astro.locals.t`) and the provider's details from the active profile.
 */
export { default as LoginLink } from './LoginLink.astro';
export { default as ProviderContacts } from './ProviderContacts.astro';
export { default as RegistrationForm } from './RegistrationForm.astro';
export { default as ConfirmationStatus } from './ConfirmationStatus.astro';
export { default as PasswordResetRequest } from './PasswordResetRequest.astro';
export { default as ConfirmEmail } from './ConfirmEmail.astro';
export { default as PasswordReset } from './PasswordReset.astro';
export { default as SenderDetails } from './SenderDetails.astro';
