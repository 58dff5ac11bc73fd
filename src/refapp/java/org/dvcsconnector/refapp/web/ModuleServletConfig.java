package org.dvcsconnector.refapp.web;

import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletContext;
import java.util.Collections;
import java.util.Enumeration;

/** The configuration the host gives a servlet it creates for a module: a name, the context, no parameters. */
public record ModuleServletConfig(String getServletName, ServletContext getServletContext) implements ServletConfig {

    @Override
    public String getInitParameter(String name) {
        return null;
    }

    @Override
    public Enumeration<String> getInitParameterNames() {
        return Collections.emptyEnumeration();
    }
}
