/**
 * The site's frame: the layout every page renders in, the context each template receives (with the
 * {@link org.maecenas.web.AccountAlerts} banner other modules provide), shared form-error handling,
 * the public home and about pages, and the designed error pages.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Web")
package org.maecenas.web;
