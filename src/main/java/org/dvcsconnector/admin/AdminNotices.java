package org.dvcsconnector.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.dvcsconnector.spi.PluginSettings;

/**
 * Things the administrator must hear about that outlive the account they concern, such as webhooks a
 * deletion could not remove. Shown on the accounts page until dismissed; the newest 20 are kept.
 */
public final class AdminNotices {

    private static final String SETTING = "admin.notices";
    private static final int MAX = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PluginSettings settings;

    public AdminNotices(PluginSettings settings) {
        this.settings = settings;
    }

    /** Adds the notice unless it is listed already (a job run again, e.g. a deletion put off, repeats its notices). */
    public synchronized void add(String notice) {
        List<String> notices = new ArrayList<>(list());
        if (notices.contains(notice)) {
            return;
        }
        notices.add(notice);
        while (notices.size() > MAX) {
            notices.remove(0);
        }
        try {
            settings.put(SETTING, JSON.writeValueAsString(notices));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<String> list() {
        try {
            return settings.get(SETTING).map(this::parse).orElse(List.of());
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    public void dismissAll() {
        settings.remove(SETTING);
    }

    private List<String> parse(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }
}
