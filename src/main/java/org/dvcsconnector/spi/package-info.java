/**
 * Host contracts the plugin consumes, modelled on Atlassian SAL and the services Jira gives plugins,
 * so an adapter to a real host stays thin. The host exports this package (version 0.1.0); the bundle
 * only imports it.
 */
package org.dvcsconnector.spi;
