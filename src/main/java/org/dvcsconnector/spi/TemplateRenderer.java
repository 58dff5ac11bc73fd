package org.dvcsconnector.spi;

import java.io.IOException;
import java.io.Writer;
import java.util.Map;

/**
 * Velocity templates from the calling plugin's class loader. Every reference is HTML-escaped unless
 * its name ends in {@code Html} (Atlassian's convention for values that are already safe markup).
 */
public interface TemplateRenderer {

    void render(String templatePath, Map<String, Object> context, Writer writer) throws IOException;

    String renderToString(String templatePath, Map<String, Object> context);
}
