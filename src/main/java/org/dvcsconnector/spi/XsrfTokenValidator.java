package org.dvcsconnector.spi;

import jakarta.servlet.http.HttpServletRequest;

/**
 * XSRF protection for form posts (SAL {@code XsrfTokenAccessor} + {@code XsrfTokenValidator}). Forms
 * carry the token in the parameter named {@link #PARAMETER}.
 */
public interface XsrfTokenValidator {

    String PARAMETER = "atl_token";

    /** The token of the request's session, created if needed; put it in every form. */
    String getToken(HttpServletRequest request);

    /** True when the request's {@link #PARAMETER} matches its session's token. */
    boolean validateFormEncodedToken(HttpServletRequest request);
}
