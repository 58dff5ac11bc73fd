package org.dvcsconnector.refapp.velocity;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import org.apache.velocity.exception.ResourceNotFoundException;
import org.apache.velocity.runtime.resource.Resource;
import org.apache.velocity.runtime.resource.loader.ResourceLoader;
import org.apache.velocity.util.ExtProperties;

/**
 * Loads templates from a given class loader. Velocity's own ClasspathResourceLoader uses the thread's
 * context class loader, which is the wrong one for an OSGi bundle.
 */
final class ClassLoaderResourceLoader extends ResourceLoader {

    private final ClassLoader loader;

    ClassLoaderResourceLoader(ClassLoader loader) {
        this.loader = loader;
    }

    @Override
    public void init(ExtProperties configuration) {
        // Nothing to configure.
    }

    @Override
    public Reader getResourceReader(String source, String encoding) {
        String path = source.startsWith("/") ? source.substring(1) : source;
        InputStream in = loader.getResourceAsStream(path);
        if (in == null) {
            throw new ResourceNotFoundException("No template " + source);
        }
        return new InputStreamReader(in, Charset.forName(encoding));
    }

    @Override
    public boolean isSourceModified(Resource resource) {
        return false;
    }

    @Override
    public long getLastModified(Resource resource) {
        return 0;
    }
}
