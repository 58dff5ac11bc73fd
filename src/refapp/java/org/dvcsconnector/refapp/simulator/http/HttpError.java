package org.dvcsconnector.refapp.simulator.http;

import java.util.Map;

/**
 * A failure answered with Bitbucket's error shape {@code {"type":"error","error":{"message",…}}}. Thrown
 * anywhere below the router; the router turns it into the response, so no stack trace ever reaches a client.
 */
public class HttpError extends RuntimeException {

    private final int status;
    private final String detail;
    private final Map<String, Object> data;
    private final Map<String, String> headers;

    public HttpError(int status, String message) {
        this(status, message, null, null, Map.of());
    }

    public HttpError(int status, String message, String detail, Map<String, Object> data, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.detail = detail;
        this.data = data;
        this.headers = headers;
    }

    public int status() {
        return status;
    }

    public String detail() {
        return detail;
    }

    public Map<String, Object> data() {
        return data;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public static HttpError notFound(String message) {
        return new HttpError(404, message);
    }

    public static HttpError badRequest(String message) {
        return new HttpError(400, message);
    }
}
