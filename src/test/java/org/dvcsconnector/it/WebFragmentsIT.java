package org.dvcsconnector.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.dvcsconnector.testing.RefappServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The host honours web panels, web sections, web items (with conditions), web resources and i18n of any
 * plugin: here a small plugin written at test time, with no code at all, only its descriptor.
 */
class WebFragmentsIT {

    static final String KEY = "it.fragments";

    @RegisterExtension
    static final RefappServer server = RefappServer.demo().beforeStart(WebFragmentsIT::writePlugin);

    static void writePlugin(Path home) throws IOException {
        Path plugins = Files.createDirectories(home.resolve("plugins"));
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", KEY);
        main.putValue("Bundle-Version", "1.0.0");
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("atlassian-plugin.xml", """
                <atlassian-plugin key="it.fragments" name="Fragments" plugins-version="2">
                  <plugin-info><version>1.0.0</version></plugin-info>
                  <resource type="i18n" name="i18n" location="i18n/fragments"/>
                  <web-section key="tools" location="admin_plugins_menu" weight="5"><label key="it.tools"/></web-section>
                  <web-item key="tool" section="admin_plugins_menu/tools"><label key="it.tool"/>
                    <link linkId="it-tool-link">/plugins/servlet/it/tool</link><condition class="admin"/></web-item>
                  <web-panel key="panel" location="atl.jira.view.issue.right.context" weight="1">
                    <resource name="view" type="velocity" location="templates/panel.vm"/>
                  </web-panel>
                  <web-resource key="assets"><resource type="download" name="x.css" location="x.css"/></web-resource>
                </atlassian-plugin>""");
        entries.put("i18n/fragments.properties", "it.tools=Test tools\nit.tool=Test tool\n");
        entries.put("templates/panel.vm", "<p class=\"it-panel\">Panel for $issueKey seen by $user.displayName() "
                + "in $projectKey</p>");
        entries.put("x.css", ".it { color: red; }");
        try (OutputStream out = Files.newOutputStream(plugins.resolve("fragments.jar"));
                JarOutputStream jar = new JarOutputStream(out, manifest)) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                jar.putNextEntry(new JarEntry(entry.getKey()));
                jar.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                jar.closeEntry();
            }
        }
    }

    @Test
    void thePluginIsEnabledWithEveryModule() {
        JsonNode plugin = PluginsJson.plugin(server.admin(), KEY);
        assertThat(plugin.path("state").asText()).as(plugin.toString()).isEqualTo("ENABLED");
        assertThat(plugin.path("modules").findValuesAsText("enabled")).containsOnly("true");
    }

    @Test
    void theWebPanelRendersInTheIssueViewWithTheIssueAndTheUser() {
        String page = server.basic("alice", "alice").get("/browse/DEMO-1").expect(200).body();
        assertThat(page).contains("id=\"panel-panel\"")
                .contains("<p class=\"it-panel\">Panel for DEMO-1 seen by Alice Anders in DEMO</p>");
    }

    @Test
    void theWebItemAppearsInItsSectionForAdminsOnlyWithItsTranslatedLabel() {
        String admin = server.admin().get("/secure/admin").expect(200).body();
        assertThat(admin).contains("Test tools").contains("id=\"it-tool-link\"").contains("Test tool");
        // The Administration area itself is for admins; the condition is checked where menus are built.
        server.basic("alice", "alice").get("/secure/admin").expect(403);
    }

    @Test
    void theWebResourceIsServed() {
        var css = server.admin().get("/download/resources/" + KEY + ":assets/x.css").expect(200);
        assertThat(css.contentType()).startsWith("text/css");
        assertThat(css.body()).contains(".it");
    }
}
