/** What the plugin offers other plugins: development events on the host's event bus. */
package org.dvcsconnector.api;
