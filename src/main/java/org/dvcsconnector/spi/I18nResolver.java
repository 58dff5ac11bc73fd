package org.dvcsconnector.spi;

import java.util.Map;

/**
 * Messages from the i18n resources of every enabled plugin: SAL's {@code com.atlassian.sal.api.message.I18nResolver},
 * same methods and meaning. Difference: arguments are {@code Object}s instead of {@code Serializable}s; a Jira adapter
 * passes them on, since the plugin's (numbers, strings) are serializable.
 */
public interface I18nResolver {

    /** The message for {@code key} with {@code {0}}-style arguments filled in; the key itself if unknown. */
    String getText(String key, Object... arguments);

    /** Every message whose key starts with {@code prefix}, for handing to browser code. */
    Map<String, String> getAllTranslationsForPrefix(String prefix);
}
