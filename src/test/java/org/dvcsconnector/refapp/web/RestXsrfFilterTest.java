package org.dvcsconnector.refapp.web;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.dvcsconnector.refapp.web.xsrf.RestXsrfFilter;
import org.dvcsconnector.spi.XsrfTokenValidator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RestXsrfFilterTest {

    @ParameterizedTest(name = "{0} {1} header={2} basic={3} token={4} -> passes={5}")
    @CsvSource(nullValues = "NULL", value = {
            "GET,    NULL,                               NULL,     false, false, true",
            "POST,   application/json,                   NULL,     false, false, true",
            "POST,   application/json; charset=UTF-8,    NULL,     false, false, true",
            "PUT,    NULL,                               NULL,     false, false, true",
            "DELETE, NULL,                               NULL,     false, false, true",
            "POST,   application/x-www-form-urlencoded,  NULL,     false, false, false",
            "POST,   multipart/form-data; boundary=x,    NULL,     false, false, false",
            "POST,   text/plain,                         NULL,     false, false, false",
            "POST,   NULL,                               NULL,     false, false, false",
            "POST,   application/x-www-form-urlencoded,  no-check, false, false, true",
            "POST,   TEXT/PLAIN,                         NO-CHECK, false, false, true",
            "POST,   application/x-www-form-urlencoded,  nocheck,  false, false, false",
            "POST,   NULL,                               NULL,     true,  false, true",
            "POST,   application/x-www-form-urlencoded,  NULL,     false, true,  true",
    })
    void onlySimpleCrossSiteCapablePostsNeedProof(String method, String contentType, String header, boolean basic,
            boolean validToken, boolean passes) throws Exception {
        XsrfTokenValidator validator = mock(XsrfTokenValidator.class);
        HttpServletRequest request = mock(HttpServletRequest.class);
        HttpServletResponse response = mock(HttpServletResponse.class);
        FilterChain chain = mock(FilterChain.class);
        when(request.getMethod()).thenReturn(method);
        when(request.getHeader("Content-Type")).thenReturn(contentType);
        when(request.getHeader("X-Atlassian-Token")).thenReturn(header);
        when(request.getHeader("Authorization")).thenReturn(basic ? "Basic YWRtaW46YWRtaW4=" : null);
        when(request.getRemoteUser()).thenReturn(basic ? "admin" : null);
        when(validator.validateFormEncodedToken(request)).thenReturn(validToken);
        when(response.getWriter()).thenReturn(new PrintWriter(new StringWriter()));

        new RestXsrfFilter(validator).doFilter(request, response, chain);

        if (passes) {
            verify(chain).doFilter(request, response);
        } else {
            verify(chain, never()).doFilter(any(), any());
            verify(response).setStatus(403);
        }
    }
}
