/**
 * Mail to people: composed from other modules' events, sent through SMTP ({@code SMTP_URL}) or,
 * with no SMTP configured, kept in a development mailbox shown at {@code /dev/mailbox}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notifications")
package org.maecenas.notifications;
