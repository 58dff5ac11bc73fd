package org.dvcsconnector.refapp.ao;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** Atlassian's AO table prefix: {@code AO_} and the last six hex digits of the MD5 of the plugin key. */
public final class TablePrefixes {

    private TablePrefixes() {}

    public static String forPluginKey(String pluginKey) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(pluginKey.getBytes(StandardCharsets.UTF_8));
            String hex = HexFormat.of().formatHex(digest);
            return "AO_" + hex.substring(hex.length() - 6).toUpperCase(Locale.ROOT) + "_";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every JVM", e);
        }
    }
}
