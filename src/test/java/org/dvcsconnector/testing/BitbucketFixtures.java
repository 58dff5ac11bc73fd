package org.dvcsconnector.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Bitbucket Cloud's reference data, read from the test class path ({@code src/test/resources/bitbucket}, see
 * its README): the published API description and real webhook and API payloads.
 */
public final class BitbucketFixtures {

    private static final String ROOT = "/bitbucket/";
    private static final String PAYLOADS = ROOT + "webhooks/";

    private BitbucketFixtures() {}

    /** {@code openapi.json}: Bitbucket's API description (Swagger 2.0). */
    public static byte[] openApi() {
        return read(ROOT + "openapi.json");
    }

    /** A captured payload by file name, e.g. {@code HookPush.json}. */
    public static byte[] payload(String name) {
        return read(PAYLOADS + name);
    }

    /** The captured payloads' file names, sorted. */
    public static List<String> payloadNames() {
        // target/test-classes is a directory, so the resource resolves to a path that can be listed.
        try (Stream<Path> files = Files.list(Path.of(resource(PAYLOADS).toURI()))) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".json")).sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] read(String name) {
        try (InputStream in = resource(name).openStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static URL resource(String name) {
        URL url = BitbucketFixtures.class.getResource(name);
        if (url == null) {
            throw new IllegalStateException(name + " is not on the test class path (src/test/resources" + name + ")");
        }
        return url;
    }
}
