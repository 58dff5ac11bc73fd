package org.dvcsconnector.refapp.simulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.RetainableByteBuffer;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

/** One HTTP request/response on the simulator, a thin layer over Jetty's core API (no servlets: speed). */
public final class Exchange {

    private final Request request;
    private final Response response;
    private final Callback callback;
    private final String baseUrl;
    private final String path;
    private Params query;
    private byte[] body;
    private boolean sent;
    /** Set by the router: the matched path template, for stats and logs. */
    private String[] pathVars = new String[0];

    public Exchange(Request request, Response response, Callback callback, String baseUrl) {
        this.request = request;
        this.response = response;
        this.callback = callback;
        this.baseUrl = baseUrl;
        this.path = request.getHttpURI().getPath();
    }

    public String method() {
        return request.getMethod();
    }

    /** The raw (still percent-encoded) path. */
    public String path() {
        return path;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public String header(String name) {
        return request.getHeaders().get(name);
    }

    public String rawQuery() {
        return request.getHttpURI().getQuery();
    }

    public Params query() {
        if (query == null) {
            query = Params.parse(request.getHttpURI().getQuery());
        }
        return query;
    }

    public String[] pathVars() {
        return pathVars;
    }

    public void pathVars(String[] vars) {
        this.pathVars = vars;
    }

    public String var(int i) {
        return pathVars[i];
    }

    public byte[] body() {
        if (body == null) {
            try {
                ByteBuffer buffer = Content.Source.asByteBuffer(request);
                body = new byte[buffer.remaining()];
                buffer.get(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (RuntimeException e) {
                throw HttpError.badRequest("Could not read the request body.");
            }
        }
        return body;
    }

    public boolean isForm() {
        String type = header("Content-Type");
        return type != null && type.toLowerCase().startsWith("application/x-www-form-urlencoded");
    }

    /** The form body (empty unless the request is form-encoded). */
    public Params form() {
        return isForm() ? Params.parse(new String(body(), StandardCharsets.UTF_8)) : Params.parse(null);
    }

    public JsonNode json() {
        return Json.parse(body());
    }

    public void header(String name, String value) {
        response.getHeaders().put(name, value);
    }

    public void send(int status, String contentType, byte[] content) {
        if (sent) {
            return;
        }
        sent = true;
        response.setStatus(status);
        if (contentType != null) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        }
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, content.length);
        response.write(true, ByteBuffer.wrap(content), callback);
    }

    /** Sends a prepared JSON body (e.g. a cached page). */
    public void json(int status, ByteBuffer content) {
        if (sent) {
            return;
        }
        sent = true;
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, content.remaining());
        response.write(true, content, callback);
    }

    /**
     * Sends bytes {@code [0, length)} of {@code content}, copied into a pooled direct buffer (released when the
     * write completes), so the caller may reuse {@code content} at once and the socket write needs no
     * further copy.
     */
    public void json(int status, byte[] content, int length) {
        if (sent) {
            return;
        }
        sent = true;
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, length);
        RetainableByteBuffer pooled = request.getComponents().getByteBufferPool().acquire(length, true);
        ByteBuffer buffer = pooled.getByteBuffer();
        BufferUtil.clearToFill(buffer);
        buffer.put(content, 0, length);
        BufferUtil.flipToFlush(buffer, 0);
        response.write(true, buffer, Callback.from(callback, pooled::release));
    }

    public void json(int status, byte[] content) {
        send(status, "application/json; charset=utf-8", content);
    }

    public void json(int status, Json.Body body) {
        json(status, Json.write(body));
    }

    /** A bodiless answer (204): with the Content-Type Bitbucket's own bodiless answers carry, which clients read. */
    public void empty(int status) {
        send(status, "text/html; charset=utf-8", new byte[0]);
    }

    public void redirect(String location) {
        header("Location", location);
        send(302, "text/plain; charset=utf-8", new byte[0]);
    }

    public boolean isSent() {
        return sent;
    }

    /** Bitbucket's error document. */
    public void error(HttpError e) {
        for (Map.Entry<String, String> h : e.headers().entrySet()) {
            header(h.getKey(), h.getValue());
        }
        json(e.status(), g -> {
            g.writeStartObject();
            g.writeStringField("type", "error");
            g.writeObjectFieldStart("error");
            g.writeStringField("message", e.getMessage());
            if (e.detail() != null) {
                g.writeStringField("detail", e.detail());
            }
            if (e.data() != null) {
                g.writeFieldName("data");
                Json.MAPPER.writeValue(g, e.data());
            }
            g.writeEndObject();
            g.writeEndObject();
        });
    }
}
