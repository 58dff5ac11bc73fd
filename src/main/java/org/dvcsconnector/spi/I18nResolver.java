package org.dvcsconnector.spi;

import java.util.Map;

/** Messages from the i18n resources of every enabled plugin (SAL {@code I18nResolver}). */
public interface I18nResolver {

    /** The message for {@code key} with {@code {0}}-style arguments filled in; the key itself if unknown. */
    String getText(String key, Object... arguments);

    /** Every message whose key starts with {@code prefix}, for handing to browser code. */
    Map<String, String> getAllTranslationsForPrefix(String prefix);
}
