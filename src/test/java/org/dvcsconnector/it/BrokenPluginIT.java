package org.dvcsconnector.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.dvcsconnector.testing.Http;
import org.dvcsconnector.testing.RefappServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Broken plugins next to the real one: the host starts, the DVCS plugin works, and each broken plugin is
 * listed DISABLED with a reason an administrator can act on.
 */
class BrokenPluginIT {

    static final String BAD_XML = "it.broken.descriptor";
    static final String MISSING_IMPORT = "it.broken.imports";
    static final String MISSING_PACKAGE = "org.nowhere.to.be.found";
    static final String PLAIN_JAR = "plain-library.jar";

    @RegisterExtension
    static final RefappServer server = RefappServer.demo().beforeStart(BrokenPluginIT::writeBrokenPlugins);

    static void writeBrokenPlugins(Path home) throws IOException {
        Path plugins = Files.createDirectories(home.resolve("plugins"));
        // (a) a good bundle whose descriptor is not well-formed XML
        jar(plugins.resolve("broken-descriptor.jar"), osgi(BAD_XML, null), Map.of("atlassian-plugin.xml",
                "<atlassian-plugin key=\"" + BAD_XML + "\" name=\"Bad XML\"><plugin-info><version>1</version>"
                        + "</atlassian-plugin>"));
        // (b) a bundle that imports a package nobody exports
        jar(plugins.resolve("missing-import.jar"), osgi(MISSING_IMPORT, MISSING_PACKAGE + ";version=\"[1.0,2)\""),
                Map.of("atlassian-plugin.xml", descriptor(MISSING_IMPORT)));
        // (c) a plain jar: no OSGi headers at all
        Manifest plain = new Manifest();
        plain.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        plain.getMainAttributes().putValue("Created-By", "BrokenPluginIT");
        jar(plugins.resolve(PLAIN_JAR), plain, Map.of("atlassian-plugin.xml", descriptor("it.plain.library"),
                "README.txt", "not a bundle"));
    }

    private static String descriptor(String key) {
        return "<atlassian-plugin key=\"" + key + "\" name=\"" + key + "\" plugins-version=\"2\">"
                + "<plugin-info><version>1.0.0</version></plugin-info></atlassian-plugin>";
    }

    private static Manifest osgi(String symbolicName, String importPackage) {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue("Bundle-Name", symbolicName);
        if (importPackage != null) {
            main.putValue("Import-Package", importPackage);
        }
        return manifest;
    }

    private static void jar(Path file, Manifest manifest, Map<String, String> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            for (Map.Entry<String, String> entry : new LinkedHashMap<>(entries).entrySet()) {
                jar.putNextEntry(new JarEntry(entry.getKey()));
                jar.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                jar.closeEntry();
            }
        }
    }

    @Test
    void theRealPluginIsEnabledAndWorks() {
        JsonNode dvcs = PluginsJson.plugin(server.admin(), RefappServer.PLUGIN_KEY);
        assertThat(dvcs.path("state").asText()).as(dvcs.toString()).isEqualTo("ENABLED");
        assertThat(server.admin().get(RefappH2IT.ACCOUNTS_REST).expect(200).json()).isEmpty();
        assertThat(server.admin().get(RefappH2IT.ACCOUNTS_PAGE).expect(200).body()).contains("dvcs-empty-state");
        assertThat(server.basic("alice", "alice").get("/browse/DEMO-1").expect(200).body()).contains("DEMO-1");
    }

    @Test
    void aMalformedDescriptorIsReported() {
        JsonNode plugin = PluginsJson.plugin(server.admin(), BAD_XML);
        assertDisabled(plugin);
        assertThat(plugin.path("reason").asText()).containsIgnoringCase("xml")
                .containsAnyOf("well-formed", "must be terminated", "matching end-tag", "end tag");
    }

    @Test
    void aMissingPackageIsReported() {
        JsonNode plugin = PluginsJson.plugin(server.admin(), MISSING_IMPORT);
        assertDisabled(plugin);
        assertThat(plugin.path("reason").asText()).contains(MISSING_PACKAGE);
    }

    @Test
    void aJarThatIsNoBundleIsReported() {
        List<JsonNode> plugins = PluginsJson.plugins(server.admin());
        List<JsonNode> others = plugins.stream().filter(p -> !List.of(RefappServer.PLUGIN_KEY, BAD_XML, MISSING_IMPORT)
                .contains(p.path("key").asText())).toList();
        assertThat(others).as("the plain jar is listed once: " + plugins).hasSize(1);
        JsonNode plugin = others.get(0);
        assertDisabled(plugin);
        assertThat(plugin.path("key").asText()).as("something that tells the admin which jar it is: " + plugin)
                .isNotBlank().isNotEqualTo("null");
        assertThat(plugin.path("reason").asText()).as(plugin.toString())
                .containsAnyOf("OSGi", "Bundle-SymbolicName", "bundle", "manifest");
    }

    @Test
    void theHostStillServesItsPages() {
        Http admin = server.admin();
        String apps = admin.get("/secure/admin/plugins").expect(200).body();
        assertThat(apps).contains(BAD_XML, MISSING_IMPORT, MISSING_PACKAGE, "DISABLED", "ENABLED");
        assertThat(admin.get("/secure/admin").expect(200).body()).contains("DVCS accounts");
        assertThat(server.anonymous().get("/login").expect(200).body()).contains("login-form");
    }

    private static void assertDisabled(JsonNode plugin) {
        assertThat(plugin.path("state").asText()).as(plugin.toString()).isEqualTo("DISABLED");
        assertThat(plugin.path("enabled").asBoolean()).isFalse();
        assertThat(plugin.path("reason").asText()).as(plugin.toString()).isNotBlank();
    }
}
