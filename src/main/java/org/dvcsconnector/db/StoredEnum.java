package org.dvcsconnector.db;

import java.util.Arrays;

/**
 * The one conversion between the plugin's enums and the VARCHAR columns that hold them (entity columns and raw SQL
 * alike): by constant name, so existing rows read back unchanged. A stored value no constant has fails at once,
 * naming the value and the choices, rather than surfacing later as a wrong branch.
 */
public final class StoredEnum {

    private StoredEnum() {}

    /** The constant {@code stored} names; null for SQL NULL. */
    public static <E extends Enum<E>> E read(Class<E> type, String stored) {
        if (stored == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, stored);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The database holds \"" + stored + "\" where a " + type.getSimpleName()
                    + " belongs (one of " + Arrays.toString(type.getEnumConstants()) + ")", e);
        }
    }

    /** What a column holds for {@code value}; null for null. */
    public static String write(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
