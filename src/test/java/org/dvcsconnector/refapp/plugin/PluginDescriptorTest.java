package org.dvcsconnector.refapp.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PluginDescriptorTest {

    private static PluginDescriptor parse(String xml) throws PluginDescriptor.InvalidDescriptorException {
        return PluginDescriptor.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsKeyInfoAndModulesInOrder() throws Exception {
        PluginDescriptor descriptor = parse("""
                <atlassian-plugin key="a.b" name="AB">
                  <plugin-info><version>1.2</version><description>d</description></plugin-info>
                  <resource type="i18n" name="i18n" location="i18n/x"/>
                  <servlet key="s" class="a.S"><url-pattern>/x</url-pattern></servlet>
                  <web-item key="w" section="s/t" weight="5"><link>/x</link></web-item>
                </atlassian-plugin>""");
        assertThat(descriptor.key()).isEqualTo("a.b");
        assertThat(descriptor.version()).isEqualTo("1.2");
        assertThat(descriptor.modules()).extracting(ModuleDescriptor::type).containsExactly("resource", "servlet", "web-item");
        assertThat(descriptor.modules().get(1).childTexts("url-pattern")).containsExactly("/x");
        assertThat(descriptor.modules().get(2).weight()).isEqualTo(5);
    }

    @Test
    void malformedXmlSaysSo() {
        assertThatThrownBy(() -> parse("<atlassian-plugin key='a'><servlet"))
                .isInstanceOf(PluginDescriptor.InvalidDescriptorException.class)
                .hasMessageContaining("not well-formed");
    }

    @Test
    void aModuleWithoutKeyIsNamed() {
        assertThatThrownBy(() -> parse("<atlassian-plugin key='a'><servlet class='x'/></atlassian-plugin>"))
                .hasMessageContaining("<servlet>").hasMessageContaining("'key'");
    }

    @Test
    void duplicateModuleKeysAreRefused() {
        assertThatThrownBy(() -> parse("<atlassian-plugin key='a'><servlet key='s'/><servlet key='s'/></atlassian-plugin>"))
                .hasMessageContaining("Two <servlet> modules");
    }

    @Test
    void externalEntitiesAreNeverResolved() {
        assertThatThrownBy(() -> parse("""
                <?xml version="1.0"?>
                <!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>
                <atlassian-plugin key="&e;"/>"""))
                .isInstanceOf(PluginDescriptor.InvalidDescriptorException.class);
    }

    @Test
    void theRootMustBeAtlassianPlugin() {
        assertThatThrownBy(() -> parse("<plugin key='a'/>")).hasMessageContaining("<atlassian-plugin>");
    }
}
