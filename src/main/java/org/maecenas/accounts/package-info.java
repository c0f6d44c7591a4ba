/**
 * People and their accounts: sign-up, sign-in (form, remember-me, throttling), roles, sessions
 * shared by every node, email verification, password reset and account settings.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Accounts")
package org.maecenas.accounts;
