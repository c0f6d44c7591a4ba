/**
 * Operating Maecenas: the database it runs on (embedded or external), request ids, route
 * timings, the error store and the admin pages that show them.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Operations")
package org.maecenas.ops;
