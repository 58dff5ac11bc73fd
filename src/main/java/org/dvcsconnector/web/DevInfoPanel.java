package org.dvcsconnector.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dvcsconnector.devinfo.DevInfoService;
import org.dvcsconnector.devinfo.DevInfoSummary;
import org.dvcsconnector.spi.ApplicationProperties;
import org.dvcsconnector.spi.I18nResolver;
import org.dvcsconnector.spi.TemplateRenderer;
import org.dvcsconnector.spi.UserProfile;
import org.dvcsconnector.spi.WebPanel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The issue view's <em>Development</em> panel. The counts are rendered on the server, so the panel is complete
 * with the page (no request, no flash of a spinner); the detail dialog loads its lists from REST on a click.
 */
public final class DevInfoPanel implements WebPanel {

    private static final Logger LOG = LoggerFactory.getLogger(DevInfoPanel.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DevInfoService devInfo;
    private final TemplateRenderer renderer;
    private final I18nResolver i18n;
    private final ApplicationProperties applicationProperties;

    public DevInfoPanel(DevInfoService devInfo, TemplateRenderer renderer, I18nResolver i18n,
            ApplicationProperties applicationProperties) {
        this.devInfo = devInfo;
        this.renderer = renderer;
        this.i18n = i18n;
        this.applicationProperties = applicationProperties;
    }

    @Override
    public String getHtml(Map<String, Object> context) {
        String issueKey = (String) context.get("issueKey");
        String user = context.get("user") instanceof UserProfile profile ? profile.username() : null;
        Map<String, Object> values = new HashMap<>();
        values.put("issueKey", issueKey);
        values.put("baseUrl", applicationProperties.getBaseUrl());
        values.put("i18n", i18n);
        values.put("messages", messages());
        try {
            Optional<DevInfoSummary> summary = devInfo.summary(user, issueKey);
            if (summary.isEmpty()) {
                return ""; // the host shows the issue, so this does not happen; if it does, show nothing
            }
            values.put("summary", summary.get());
            values.put("lines", SummaryLines.of(summary.get(), i18n));
        } catch (RuntimeException e) {
            LOG.error("Development information of {} could not be read", issueKey, e);
            values.put("failed", true);
        }
        return renderer.renderToString("templates/devinfo/panel.vm", values);
    }

    /** The dialog's texts, handed to the browser as JSON in an attribute (escaped there by the template). */
    private String messages() {
        try {
            return JSON.writeValueAsString(i18n.getAllTranslationsForPrefix("dvcs.devinfo."));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings is JSON", e);
        }
    }

    /** A line of the panel: which dialog tab it opens, its text, and the pull requests' states as lozenges. */
    public record SummaryLine(String tab, int count, String text, List<State> states) {}

    /** "OPEN", or "2 MERGED" when the pull requests differ; {@code kind} picks the lozenge's colour. */
    public record State(String text, String kind) {}
}
