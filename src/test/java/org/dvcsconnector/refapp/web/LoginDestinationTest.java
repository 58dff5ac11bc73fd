package org.dvcsconnector.refapp.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.dvcsconnector.refapp.web.page.LoginRedirects;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LoginDestinationTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "/plugins/servlet/dvcs/accounts | /plugins/servlet/dvcs/accounts",
            "/browse/DEMO-1?x=1              | /browse/DEMO-1?x=1",
            "NULL                            | /",
            "''                              | /",
            "//evil.example/                 | /",
            "https://evil.example/           | /",
            "/\\evil.example                 | /",
            "javascript:alert(1)             | /",
    })
    void onlyLocalPathsAreFollowed(String given, String expected) {
        assertThat(LoginRedirects.safeDestination(given)).isEqualTo(expected);
    }

    /** Encoded line breaks are control characters too: Jetty refuses to redirect to them (a 500 before). */
    @ParameterizedTest
    @CsvSource({"/a%0d%0aSet-Cookie:x"})
    void encodedLineBreaksFallBack(String given) {
        assertThat(LoginRedirects.safeDestination(given)).isEqualTo("/");
    }
}
