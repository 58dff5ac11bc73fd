package org.dvcsconnector.sync;

import org.dvcsconnector.spi.PluginSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A whole-number plugin setting an admin may set: unset gives {@code fallback}, a value under {@code minimum} is
 * raised to it, and anything that is not a number is logged (naming the setting and its {@code unit}) and gives
 * {@code fallback}, so that a typo never stops the work the setting tunes.
 */
record WholeNumberSetting(String key, long fallback, long minimum, String unit) {

    private static final Logger LOG = LoggerFactory.getLogger(WholeNumberSetting.class);

    long read(PluginSettings settings) {
        return settings.get(key).map(value -> {
            try {
                return Math.max(minimum, Long.parseLong(value.trim()));
            } catch (NumberFormatException e) {
                LOG.warn("Setting {} is not a number of {}: {}; using {}", key, unit, value, fallback);
                return fallback;
            }
        }).orElse(fallback);
    }
}
