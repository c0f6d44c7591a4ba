/**
 * Creator pages: the page itself (slug, name, summary, images, intro video, currency, billing
 * model), its tiers and goals, featuring by admins, and finding pages by name and description.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Campaigns")
package org.maecenas.campaigns;
