package org.dvcsconnector.refapp.i18n;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.dvcsconnector.spi.I18nResolver;

/** Messages of the host and of every enabled plugin, merged as Jira merges them (UTF-8 properties files). */
public final class HostI18nResolver implements I18nResolver {

    private final Map<String, Map<String, String>> bySource = new ConcurrentHashMap<>();

    /** Adds the messages of {@code source} (a plugin key or "host"), replacing any it had. */
    public void add(String source, ClassLoader loader, String location) throws IOException {
        String path = location + ".properties";
        try (InputStream in = loader.getResourceAsStream(path)) {
            if (in == null) {
                throw new IOException("No i18n file " + path);
            }
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, String> messages = new TreeMap<>();
            properties.stringPropertyNames().forEach(k -> messages.put(k, properties.getProperty(k)));
            bySource.put(source, messages);
        }
    }

    public void remove(String source) {
        bySource.remove(source);
    }

    @Override
    public String getText(String key, Object... arguments) {
        for (Map<String, String> messages : bySource.values()) {
            String pattern = messages.get(key);
            if (pattern != null) {
                return new MessageFormat(pattern, Locale.ENGLISH).format(arguments);
            }
        }
        return key;
    }

    @Override
    public Map<String, String> getAllTranslationsForPrefix(String prefix) {
        Map<String, String> result = new TreeMap<>();
        bySource.values().forEach(messages -> messages.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                result.put(k, new MessageFormat(v, Locale.ENGLISH).format(new Object[0]));
            }
        }));
        return result;
    }
}
