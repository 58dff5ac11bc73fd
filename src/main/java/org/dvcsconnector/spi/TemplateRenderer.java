package org.dvcsconnector.spi;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.util.Map;

/**
 * Velocity templates from the calling plugin's class loader: atlassian-template-renderer's
 * {@code com.atlassian.templaterenderer.TemplateRenderer}, with its {@code render(templateName, context, writer)}.
 * Every reference is HTML-escaped unless its name ends in {@code Html} (Atlassian's convention for values that are
 * already safe markup).
 *
 * <p>Difference: the host adds nothing to the context (Atlassian's adds an {@code I18nResolver} and web-resource
 * helpers; the plugin passes what its templates use), and {@link #renderToString} is a convenience over
 * {@link #render}, so an adapter implements {@code render} alone.
 */
public interface TemplateRenderer {

    void render(String templatePath, Map<String, Object> context, Writer writer) throws IOException;

    /** {@link #render} into a string; its {@link IOException} (a missing template) as {@link IllegalStateException}. */
    default String renderToString(String templatePath, Map<String, Object> context) {
        StringWriter out = new StringWriter();
        try {
            render(templatePath, context, out);
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return out.toString();
    }
}
