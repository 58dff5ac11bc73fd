package org.dvcsconnector.refapp.web.page;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SiteMesh-style decoration, as Atlassian hosts do it: a plugin servlet writes a whole HTML document
 * with {@code <meta name="decorator" content="admin">}, and the host puts its title, head extras and
 * body inside the host layout (the admin menu for {@code admin}). The documents are the plugin's own
 * Velocity output, so a few anchored patterns read them reliably; no HTML parser is needed.
 */
public final class DecoratorFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final Pattern DECORATOR = Pattern.compile("<meta\\s+name=\"decorator\"\\s+content=\"([a-z.]+)\"\\s*/?>");
    private static final Pattern TITLE = Pattern.compile("<title>(.*?)</title>", Pattern.DOTALL);
    private static final Pattern HEAD = Pattern.compile("<head>(.*?)</head>", Pattern.DOTALL);
    private static final Pattern BODY = Pattern.compile("<body[^>]*>(.*)</body>", Pattern.DOTALL);
    private static final Pattern META = Pattern.compile("<meta\\s+name=\"([a-z.]+)\"\\s+content=\"([^\"]*)\"\\s*/?>");

    private final transient HostPages pages;

    public DecoratorFilter(HostPages pages) {
        this.pages = pages;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        BufferingResponse buffered = new BufferingResponse(response);
        chain.doFilter(request, buffered);
        if (buffered.passedThrough) {
            return;
        }
        String contentType = buffered.getContentType();
        byte[] body = buffered.bytes();
        if (contentType != null && contentType.startsWith("text/html")) {
            String html = new String(body, StandardCharsets.UTF_8);
            Matcher decorator = DECORATOR.matcher(html);
            if (decorator.find()) {
                HostPages.write(response, pages.layout(request, parse(html, decorator.group(1))));
                return;
            }
        }
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static HostPages.Decorated parse(String html, String decorator) {
        String title = group(TITLE, html);
        String head = group(HEAD, html);
        String headExtras = head.replaceAll("(?s)<title>.*?</title>", "")
                .replaceAll("<meta\\s+(name=\"(decorator|admin\\.[a-z.]+)\"|charset=\"[^\"]*\")[^>]*>", "").trim();
        String activeSection = null;
        String activeTab = null;
        Matcher meta = META.matcher(head);
        while (meta.find()) {
            if (meta.group(1).equals("admin.active.section")) {
                activeSection = meta.group(2);
            } else if (meta.group(1).equals("admin.active.tab")) {
                activeTab = meta.group(2);
            }
        }
        if ("admin".equals(decorator) && activeSection == null) {
            activeSection = "";
        }
        return new HostPages.Decorated(title, true, headExtras, group(BODY, html), activeSection, activeTab);
    }

    private static String group(Pattern pattern, String html) {
        Matcher m = pattern.matcher(html);
        return m.find() ? m.group(1) : "";
    }

    /** Holds the body back so it can be decorated; errors and redirects go straight through. */
    private static final class BufferingResponse extends HttpServletResponseWrapper {
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private PrintWriter writer;
        private ServletOutputStream stream;
        boolean passedThrough;

        BufferingResponse(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void sendError(int sc, String msg) throws IOException {
            passedThrough = true;
            super.sendError(sc, msg);
        }

        @Override
        public void sendError(int sc) throws IOException {
            passedThrough = true;
            super.sendError(sc);
        }

        @Override
        public void sendRedirect(String location) throws IOException {
            passedThrough = true;
            super.sendRedirect(location);
        }

        @Override
        public void setContentLength(int len) {
            // Decoration changes the length; the filter sets the real one.
        }

        @Override
        public void setContentLengthLong(long len) {
            // As above.
        }

        @Override
        public void flushBuffer() {
            // Nothing is sent before decoration.
        }

        @Override
        public PrintWriter getWriter() {
            if (writer == null) {
                writer = new PrintWriter(new OutputStreamWriter(buffer, StandardCharsets.UTF_8));
            }
            return writer;
        }

        @Override
        public ServletOutputStream getOutputStream() {
            if (stream == null) {
                stream = new ServletOutputStream() {
                    @Override
                    public void write(int b) {
                        buffer.write(b);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) {
                        buffer.write(b, off, len);
                    }

                    @Override
                    public boolean isReady() {
                        return true;
                    }

                    @Override
                    public void setWriteListener(WriteListener listener) {
                        throw new UnsupportedOperationException("Decorated responses are not asynchronous");
                    }
                };
            }
            return stream;
        }

        byte[] bytes() {
            if (writer != null) {
                writer.flush();
            }
            return buffer.toByteArray();
        }
    }
}
