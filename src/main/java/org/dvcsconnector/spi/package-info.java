/**
 * Host contracts the plugin consumes, modelled on Atlassian SAL, the AO plugin, atlassian-scheduler, beehive,
 * atlassian-event, atlassian-template-renderer, the plugin system and the services Jira gives plugins, so an adapter
 * to a real host stays thin. Each type's Javadoc names its Atlassian counterpart and any difference kept;
 * {@code docs/PORTING.md} maps them all. The host exports this package (version 0.1.0); the bundle only imports it.
 */
package org.dvcsconnector.spi;
