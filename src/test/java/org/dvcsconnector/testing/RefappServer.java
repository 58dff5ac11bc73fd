package org.dvcsconnector.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.dvcsconnector.refapp.Refapp;
import org.dvcsconnector.refapp.RefappOptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One refapp for a test class: a fresh home under {@code target/it-homes}, a random port, the plugin
 * bundle the build made (system property {@code dvcs.bundle}). Register it as a static field:
 * <pre>{@code @RegisterExtension static final RefappServer server = RefappServer.demo();}</pre>
 * or start and close it by hand ({@link #start()}, {@link #close()}) when a test needs several nodes or a
 * restart on the same home.
 */
public final class RefappServer implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

    public static final String PLUGIN_KEY = "org.dvcsconnector.dvcs-connector";

    private final boolean demo;
    private final List<Supplier<List<String>>> extraArgs = new ArrayList<>();
    private final List<HomeSetup> homeSetups = new ArrayList<>();
    private Path home;
    private boolean ownsHome = true;
    private Refapp refapp;
    private String startedBy;

    /** Something to put into the home before the refapp starts (plugin jars, say). */
    @FunctionalInterface
    public interface HomeSetup {
        void prepare(Path home) throws Exception;
    }

    private RefappServer(boolean demo) {
        this.demo = demo;
    }

    /** With {@code --demo}: users admin/alice/bob, projects DEMO and OPS. */
    public static RefappServer demo() {
        return new RefappServer(true);
    }

    /** Without {@code --demo}: a first start creates {@code admin} with a random password. */
    public static RefappServer plain() {
        return new RefappServer(false);
    }

    /** Adds options, computed when the refapp starts (a database URL known only then, say). */
    public RefappServer args(Supplier<List<String>> args) {
        extraArgs.add(args);
        return this;
    }

    public RefappServer args(String... args) {
        List<String> copy = List.of(args);
        return args(() -> copy);
    }

    /** An external database: {@code --db url --db-user user --db-password password}. */
    public RefappServer database(Supplier<String> url, String user, String password) {
        return args(() -> List.of("--db", url.get(), "--db-user", user, "--db-password", password));
    }

    /** Runs on the home before each start. */
    public RefappServer beforeStart(HomeSetup setup) {
        homeSetups.add(setup);
        return this;
    }

    /** Uses (and keeps) this home instead of a fresh one. */
    public RefappServer home(Path dir) {
        this.home = dir;
        this.ownsHome = false;
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        // @Nested classes inherit the extension: they share the refapp their outer class started.
        if (startedBy == null) {
            startedBy = context.getUniqueId();
            start(context.getRequiredTestClass().getSimpleName());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (context.getUniqueId().equals(startedBy)) {
            startedBy = null;
            close();
        }
    }

    public RefappServer start() throws Exception {
        return start("refapp");
    }

    /** Starts the refapp (again, on the same home, after {@link #stop()}). */
    public RefappServer start(String name) throws Exception {
        if (refapp != null) {
            throw new IllegalStateException("Already started at " + refapp.baseUrl());
        }
        if (home == null) {
            Path root = Path.of("target", "it-homes");
            Files.createDirectories(root);
            home = Files.createTempDirectory(root, name + "-").toAbsolutePath();
        }
        for (HomeSetup setup : homeSetups) {
            setup.prepare(home);
        }
        List<String> args = new ArrayList<>();
        if (demo) {
            args.add("--demo");
        }
        // Free ports for the refapp and (with --demo) its simulator: several may run at once.
        args.addAll(List.of("--port", "0", "--sim-port", "0", "--home", home.toString()));
        for (Supplier<List<String>> extra : extraArgs) {
            args.addAll(extra.get());
        }
        bundleJar(); // fail early and clearly when the build did not hand the jar over
        refapp = Refapp.start(RefappOptions.parse(args.toArray(String[]::new)));
        return this;
    }

    /** The plugin jar the build made. */
    public static Path bundleJar() {
        String jar = System.getProperty("dvcs.bundle");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("System property dvcs.bundle must name the built plugin jar (run the"
                    + " integration tests with mvn verify); it is " + jar);
        }
        return Path.of(jar);
    }

    public Refapp refapp() {
        return Objects.requireNonNull(refapp, "the refapp is not running");
    }

    public String baseUrl() {
        return refapp().baseUrl();
    }

    public Path home() {
        return home;
    }

    public Http anonymous() {
        return Http.anonymous(baseUrl());
    }

    public Http basic(String user, String password) {
        return Http.basic(baseUrl(), user, password);
    }

    /** A cookie-keeping client, not logged in yet ({@link Http#login}). */
    public Http session() {
        return Http.session(baseUrl());
    }

    public Http admin() {
        return basic("admin", "admin");
    }

    /** Stops the refapp but keeps its home, so that it can {@link #start} again on the same data. */
    public void stop() {
        if (refapp != null) {
            refapp.close();
            refapp = null;
        }
    }

    @Override
    public void close() {
        stop();
        if (home != null && ownsHome) {
            deleteQuietly(home);
            home = null;
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // Only disk space is at stake; target/ is cleaned by the next mvn clean.
        }
    }
}
