package org.dvcsconnector.refapp.velocity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VelocityRendererTest {

    private final VelocityRenderer renderer = new VelocityRenderer(getClass().getClassLoader());

    @Test
    void escapesEveryReference() {
        String html = renderer.renderToString("velocity-test/escape.vm",
                Map.of("name", "<script>alert(\"x\")</script>", "item", new Item("<b>&</b>")));
        assertThat(html).contains("plain=&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
        assertThat(html).contains("method=&lt;b&gt;&amp;&lt;/b&gt;");
        assertThat(html).doesNotContain("<script>").doesNotContain("<b>");
    }

    @Test
    void referencesEndingInHtmlAreTrustedMarkup() {
        String html = renderer.renderToString("velocity-test/escape.vm",
                Map.of("name", "x", "item", new Item("y"), "bodyHtml", "<em>ok</em>"));
        assertThat(html).contains("trusted=<em>ok</em>");
    }

    @Test
    void aMissingTemplateIsAClearError() {
        assertThatThrownBy(() -> renderer.render("velocity-test/none.vm", Map.of(), new StringWriter()))
                .isInstanceOf(IOException.class).hasMessageContaining("velocity-test/none.vm");
    }

    public record Item(String label) {}
}
