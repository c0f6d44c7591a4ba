/**
 * A person's standing with a creator: free membership (following) today; pledges, caps, memberships
 * by tier and their history as billing arrives. Entitlement asks this module who supports whom.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Pledges")
package org.maecenas.pledges;
