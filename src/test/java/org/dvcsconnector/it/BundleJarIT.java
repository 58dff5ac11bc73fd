package org.dvcsconnector.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.dvcsconnector.testing.RefappServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Constants;
import org.osgi.framework.VersionRange;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The packaged plugin: an OSGi bundle the host can load, with what it embeds and what it imports. */
class BundleJarIT {

    private static JarFile jar;
    private static Attributes manifest;
    private static List<String> entries;

    @BeforeAll
    static void open() throws IOException {
        jar = new JarFile(RefappServer.bundleJar().toFile());
        manifest = jar.getManifest().getMainAttributes();
        entries = Collections.list(jar.entries()).stream().map(JarEntry::getName).toList();
    }

    @AfterAll
    static void close() throws IOException {
        jar.close();
    }

    @Test
    void symbolicNameIsThePluginKeyOfTheDescriptorAtTheRoot() throws Exception {
        String symbolicName = manifest.getValue(Constants.BUNDLE_SYMBOLICNAME);
        assertThat(symbolicName).isEqualTo(RefappServer.PLUGIN_KEY);

        JarEntry descriptor = jar.getJarEntry("atlassian-plugin.xml");
        assertThat(descriptor).as("atlassian-plugin.xml at the jar's root").isNotNull();
        try (InputStream in = jar.getInputStream(descriptor)) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Element root = factory.newDocumentBuilder().parse(in).getDocumentElement();
            assertThat(root.getTagName()).isEqualTo("atlassian-plugin");
            assertThat(root.getAttribute("key")).as("the descriptor's key (Maven filtering applied)")
                    .isEqualTo(symbolicName);
        }
    }

    @Test
    void hasAnActivatorThatIsInTheJar() {
        String activator = manifest.getValue(Constants.BUNDLE_ACTIVATOR);
        assertThat(activator).isNotBlank();
        assertThat(entries).contains(activator.replace('.', '/') + ".class");
        assertThat(manifest.getValue(Constants.BUNDLE_MANIFESTVERSION)).isEqualTo("2");
    }

    @Test
    void importsTheHostContractsAndTheSharedLibraries() {
        String imports = manifest.getValue(Constants.IMPORT_PACKAGE);
        assertThat(imports).isNotNull();
        List<String> packages = ManifestHeaders.packageNames(imports);
        assertThat(packages).contains("org.dvcsconnector.spi", "jakarta.ws.rs", "jakarta.servlet.http", "net.java.ao",
                "org.slf4j");

        String spiVersion = ManifestHeaders.attribute(imports, "org.dvcsconnector.spi", "version");
        assertThat(spiVersion).as("org.dvcsconnector.spi is imported with a version range").isNotNull();
        VersionRange range = new VersionRange(spiVersion);
        assertThat(range.getRight()).as("a range, not just a floor: " + spiVersion).isNotNull();
        assertThat(range.includes(new org.osgi.framework.Version("0.1.0"))).isTrue();
    }

    @Test
    void leavesTheHostContractsOut() {
        assertThat(entries).noneMatch(name -> name.startsWith("org/dvcsconnector/spi/"));
    }

    @Test
    void embedsOkHttpInsteadOfImportingIt() {
        List<String> packages = ManifestHeaders.packageNames(manifest.getValue(Constants.IMPORT_PACKAGE));
        assertThat(packages).noneMatch(p -> p.equals("okhttp3") || p.startsWith("okhttp3."));
        assertThat(entries).as("OkHttp classes embedded in the bundle")
                .anyMatch(name -> name.startsWith("okhttp3/") && name.endsWith(".class"));
    }

    @Test
    void carriesItsWebResourcesTemplatesAndMessages() {
        assertThat(entries).anyMatch(name -> name.startsWith("frontend/") && name.endsWith(".js"));
        assertThat(entries).anyMatch(name -> name.startsWith("templates/") && name.endsWith(".vm"));
        assertThat(entries).anyMatch(name -> name.startsWith("i18n/") && name.endsWith(".properties"));
        assertThat(entries).as("frontend tests stay out of the bundle").noneMatch(name -> name.startsWith("frontend/test/"));
    }

    @Test
    void everyResourceTheDescriptorNamesIsInTheJar() throws Exception {
        try (InputStream in = jar.getInputStream(jar.getJarEntry("atlassian-plugin.xml"))) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            NodeList resources = factory.newDocumentBuilder().parse(in).getElementsByTagName("resource");
            assertThat(resources.getLength()).isPositive();
            for (int i = 0; i < resources.getLength(); i++) {
                Element resource = (Element) resources.item(i);
                String location = resource.getAttribute("location");
                if ("i18n".equals(resource.getAttribute("type"))) {
                    assertThat(entries).as("i18n bundle " + location).contains(location + ".properties");
                } else {
                    assertThat(entries).as("resource " + resource.getAttribute("name")).contains(location);
                }
            }
        }
    }
}
