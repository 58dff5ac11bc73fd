package org.dvcsconnector.db;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import net.java.ao.RawEntity;
import net.java.ao.schema.Table;

/**
 * An entity's table name as the AO plugin derives it: {@code AO_}, the last six hex digits of the MD5 of the plugin
 * key, {@code _}, then the entity's {@code @Table} name. Computed here rather than asked of the host, which AO's API
 * does not offer. Every entity of the plugin names its table, so the name never depends on AO's rules for class
 * names (nor on an AO package the host may not export).
 */
public final class AoTableNames {

    private final String prefix;

    public AoTableNames(String pluginKey) {
        this.prefix = prefix(pluginKey);
    }

    /** The table's name, unquoted and without schema. */
    public String name(Class<? extends RawEntity<?>> entity) {
        Table table = entity.getAnnotation(Table.class);
        if (table == null) {
            throw new IllegalArgumentException(entity.getName() + " has no @Table: every entity of the plugin names its"
                    + " table, so that raw SQL and ActiveObjects agree on it");
        }
        return prefix + table.value().toUpperCase(Locale.ROOT);
    }

    static String prefix(String pluginKey) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(pluginKey.getBytes(StandardCharsets.UTF_8));
            String hex = HexFormat.of().formatHex(digest);
            return "AO_" + hex.substring(hex.length() - 6).toUpperCase(Locale.ROOT) + "_";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every JVM", e);
        }
    }
}
