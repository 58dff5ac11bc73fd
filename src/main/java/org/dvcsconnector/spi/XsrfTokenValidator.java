package org.dvcsconnector.spi;

import jakarta.servlet.http.HttpServletRequest;

/**
 * XSRF protection for form posts: SAL's {@code com.atlassian.sal.api.xsrf.XsrfTokenValidator}
 * ({@code validateFormEncodedToken}) together with the token's source. Forms carry the token in the parameter named
 * {@link #PARAMETER}, Jira's {@code atl_token}.
 *
 * <p>Difference: {@link #getToken} takes the request alone, as Jira's
 * {@code com.atlassian.jira.security.xsrf.XsrfTokenGenerator.getToken(HttpServletRequest)} does, where SAL's
 * {@code XsrfTokenAccessor.getXsrfToken(request, response, create)} also wants the response for its cookie; and the
 * servlet API is Jakarta's.
 */
public interface XsrfTokenValidator {

    String PARAMETER = "atl_token";

    /** The token of the request's session, created if needed; put it in every form. */
    String getToken(HttpServletRequest request);

    /** True when the request's {@link #PARAMETER} matches its session's token. */
    boolean validateFormEncodedToken(HttpServletRequest request);
}
