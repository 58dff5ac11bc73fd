package org.dvcsconnector.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A refapp node in its own JVM, started the way {@code ./run} starts it, so that a test can kill it outright
 * ({@code SIGKILL}: no shutdown hook, no clean release of anything) as a crashed cluster node would die.
 */
public final class RefappProcess implements AutoCloseable {

    private static final Pattern READY = Pattern.compile("ready at (http://\\S+)");
    private static final Pattern PASSWORD = Pattern.compile("created user 'admin' with password (\\S+)");

    private final String name;
    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final CompletableFuture<String> ready = new CompletableFuture<>();
    private volatile String bootstrapPassword;

    private RefappProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        Thread reader = new Thread(this::readOutput, name + "-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts a node with {@code args} (after {@code --bundle} and {@code --port 0}); {@code keyFile} is shared. */
    public static RefappProcess start(String name, Path keyFile, String... args) throws IOException {
        Path home = Files.createDirectories(Path.of("target", "it-homes")).resolve(name + "-" + System.nanoTime());
        String classpath = "target/classes" + java.io.File.pathSeparator + "target/test-classes"
                + java.io.File.pathSeparator + Files.readString(Path.of("target", "refapp.classpath")).trim();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-Dlogback.configurationFile=target/test-classes/logback.xml", "-cp", classpath,
                "org.dvcsconnector.refapp.Main", "--bundle", RefappServer.bundleJar().toString(), "--port", "0",
                "--home", home.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("DVCS_SECRET_KEY_FILE", keyFile.toAbsolutePath().toString());
        return new RefappProcess(name, builder.start());
    }

    /** Waits for the ready line; the node's base URL. */
    public String awaitReady(Duration limit) throws Exception {
        try {
            return ready.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError(name + " did not get ready in " + limit + "; its output:\n" + String.join("\n", output));
        }
    }

    public String name() {
        return name;
    }

    public String baseUrl() {
        return ready.getNow(null);
    }

    /** The admin password printed by the first node on a fresh database; null on later nodes. */
    public String bootstrapPassword() {
        return bootstrapPassword;
    }

    public List<String> output() {
        return List.copyOf(output);
    }

    /** Kills the JVM at once (SIGKILL), as a crash or a pulled plug would. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    private void readOutput() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                output.add(line);
                Matcher password = PASSWORD.matcher(line);
                if (password.find()) {
                    bootstrapPassword = password.group(1);
                }
                Matcher matcher = READY.matcher(line);
                if (matcher.find()) {
                    ready.complete(matcher.group(1));
                }
            }
        } catch (IOException e) {
            // the process is gone
        }
        ready.completeExceptionally(new IllegalStateException(name + " exited before it was ready:\n"
                + String.join("\n", output)));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
