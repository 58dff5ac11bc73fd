package org.dvcsconnector.refapp.velocity;

import java.io.IOException;
import java.io.Writer;
import java.util.Map;
import org.apache.velocity.Template;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.VelocityEngine;
import org.apache.velocity.app.event.implement.EscapeHtmlReference;
import org.apache.velocity.exception.ResourceNotFoundException;
import org.apache.velocity.runtime.RuntimeConstants;
import org.dvcsconnector.spi.TemplateRenderer;

/**
 * Velocity over one class loader (the host's, or a plugin's). Every reference is HTML-escaped by
 * Velocity's own {@link EscapeHtmlReference} except those whose name ends in {@code Html}, Atlassian's
 * convention for values that are already safe markup.
 */
public final class VelocityRenderer implements TemplateRenderer {

    private final VelocityEngine engine;

    public VelocityRenderer(ClassLoader loader) {
        VelocityEngine velocity = new VelocityEngine();
        velocity.setProperty(RuntimeConstants.RESOURCE_LOADERS, "owner");
        velocity.setProperty("resource.loader.owner.instance", new ClassLoaderResourceLoader(loader));
        velocity.setProperty("resource.loader.owner.cache", "true");
        velocity.setProperty(RuntimeConstants.INPUT_ENCODING, "UTF-8");
        velocity.setProperty(RuntimeConstants.EVENTHANDLER_REFERENCEINSERTION, EscapeHtmlReference.class.getName());
        // Escape every reference but those ending in Html: $fooHtml, ${foo.barHtml}, $!fooHtml.
        // Velocity 2 applies this with String.matches: a plain Java regex, no Perl-style slashes.
        velocity.setProperty("eventhandler.escape.html.match", "(?s)(?!\\$!?\\{?[A-Za-z0-9_.]*Html\\}?$).*");
        velocity.setProperty(RuntimeConstants.SPACE_GOBBLING, "lines");
        velocity.init();
        this.engine = velocity;
    }

    @Override
    public void render(String templatePath, Map<String, Object> context, Writer writer) throws IOException {
        Template template;
        try {
            template = engine.getTemplate(templatePath, "UTF-8");
        } catch (ResourceNotFoundException e) {
            throw new IOException("No template " + templatePath, e);
        }
        template.merge(new VelocityContext(new java.util.HashMap<>(context)), writer);
        writer.flush();
    }
}
