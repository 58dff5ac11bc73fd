package org.dvcsconnector.refapp.osgi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SystemPackagesTest {

    @Test
    void splitsOnCommasOutsideQuotes() {
        assertThat(SystemPackages.splitClauses("a;version=\"[1,2)\",b;uses:=\"x,y\",c"))
                .containsExactly("a;version=\"[1,2)\"", "b;uses:=\"x,y\"", "c");
    }

    @Test
    void exportsTheSpiAoAndTheSharedLibrariesWithTheirVersions() {
        String extra = SystemPackages.extra(getClass().getClassLoader());
        assertThat(extra).contains("org.dvcsconnector.spi;version=\"0.1.0\"");
        assertThat(extra).contains("net.java.ao;version=\"3.2.11\"");
        assertThat(extra).containsPattern("jakarta\\.ws\\.rs;version=\"?3\\.1");
        assertThat(extra).containsPattern("jakarta\\.servlet\\.http;version=\"?6\\.");
        assertThat(extra).containsPattern("org\\.slf4j;version=\"?2\\.");
        assertThat(extra).contains("com.fasterxml.jackson.databind");
        // Host internals stay private.
        assertThat(extra).doesNotContain("org.eclipse.jetty").doesNotContain("org.glassfish.jersey")
                .doesNotContain("uses:=");
    }
}
