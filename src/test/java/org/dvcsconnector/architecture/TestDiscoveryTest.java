package org.dvcsconnector.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.platform.commons.annotation.Testable;
import org.junit.platform.commons.support.AnnotationSupport;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Every test class runs in {@code mvn verify}: a class with test methods (anything JUnit marks {@link Testable}:
 * {@code @Test}, {@code @ParameterizedTest}, {@code @TestFactory}, jqwik's {@code @Property}, …) must match the
 * includes surefire or failsafe has in the pom, or it is silently skipped (as {@code *Properties} once was). The
 * patterns are read from the pom, so the two cannot drift apart.
 */
class TestDiscoveryTest {

    /** Maven's defaults where the pom names no includes or excludes. */
    private static final List<String> SUREFIRE_DEFAULT = List.of("**/Test*.java", "**/*Test.java", "**/*Tests.java",
            "**/*TestCase.java");
    private static final List<String> FAILSAFE_DEFAULT = List.of("**/IT*.java", "**/*IT.java", "**/*ITCase.java");
    private static final List<String> DEFAULT_EXCLUDES = List.of("**/*$*");

    record Rules(List<String> includes, List<String> excludes) {
        boolean runs(String path) {
            return includes.stream().anyMatch(p -> matches(p, path)) && excludes.stream().noneMatch(p -> matches(p, path));
        }
    }

    @Test
    void everyClassWithTestsMatchesSurefireOrFailsafe() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
        Rules surefire = rules(pom, "maven-surefire-plugin", SUREFIRE_DEFAULT);
        Rules failsafe = rules(pom, "maven-failsafe-plugin", FAILSAFE_DEFAULT);
        List<String> withTests = testClasses();
        assertThat(withTests).as("test classes found").hasSizeGreaterThan(80)
                .contains("org/dvcsconnector/smartcommit/SmartCommitParserProperties.java");

        List<String> skipped = withTests.stream().filter(path -> !surefire.runs(path) && !failsafe.runs(path)).toList();
        assertThat(skipped).as("test classes neither surefire nor failsafe runs: rename them or add their pattern to "
                + "the pom").isEmpty();
    }

    @Test
    void theRulesAreMavensAntPatterns() {
        Rules rules = new Rules(List.of("**/*Test.java", "**/*Properties.java"), DEFAULT_EXCLUDES);
        assertThat(rules.runs("org/dvcsconnector/smartcommit/SmartCommitParserProperties.java")).isTrue();
        assertThat(rules.runs("FooTest.java")).isTrue();
        assertThat(rules.runs("org/dvcsconnector/x/FooCheck.java")).isFalse();
        assertThat(rules.runs("org/dvcsconnector/x/FooTestHelper.java")).isFalse();
        assertThat(rules.runs("org/dvcsconnector/x/Foo$BarTest.java")).isFalse();
    }

    /** Source-relative paths ({@code org/x/FooTest.java}) of the top-level test classes that hold tests. */
    private static List<String> testClasses() throws IOException, URISyntaxException {
        Path root = Path.of(TestDiscoveryTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(file).toString().replace(java.io.File.separatorChar, '/');
                Class<?> type = load(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
                if (type != null && runsAsTest(type)) {
                    Class<?> top = type;
                    while (top.getEnclosingClass() != null && AnnotationSupport.isAnnotated(top, Nested.class)) {
                        top = top.getEnclosingClass(); // a @Nested class runs with the class around it
                    }
                    String path = top.getName().replace('.', '/') + ".java";
                    if (!found.contains(path)) {
                        found.add(path);
                    }
                }
            }
        }
        return found;
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, TestDiscoveryTest.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    /** A concrete class with a test method of its own, inherited, or from an interface it implements. */
    private static boolean runsAsTest(Class<?> type) {
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers()) || type.isAnonymousClass()
                || type.isLocalClass() || type.isSynthetic()) {
            return false;
        }
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            if (hasTestMethod(c)) {
                return true;
            }
            for (Class<?> i : c.getInterfaces()) {
                if (hasTestMethod(i)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean hasTestMethod(Class<?> type) {
        try {
            for (Method m : type.getDeclaredMethods()) {
                if (AnnotationSupport.isAnnotated(m, Testable.class)) {
                    return true;
                }
            }
        } catch (LinkageError e) {
            return false; // a helper whose optional dependency is absent: not a test either
        }
        return false;
    }

    private static Rules rules(Document pom, String plugin, List<String> defaultIncludes) {
        NodeList plugins = pom.getElementsByTagName("plugin");
        List<String> includes = new ArrayList<>();
        List<String> excludes = new ArrayList<>();
        for (int i = 0; i < plugins.getLength(); i++) {
            Element p = (Element) plugins.item(i);
            if (plugin.equals(text(p, "artifactId"))) {
                includes.addAll(texts(p, "include"));
                excludes.addAll(texts(p, "exclude"));
            }
        }
        return new Rules(includes.isEmpty() ? defaultIncludes : includes, excludes.isEmpty() ? DEFAULT_EXCLUDES : excludes);
    }

    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().strip();
    }

    private static List<String> texts(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(nodes.item(i).getTextContent().strip());
        }
        return out;
    }

    /** Maven's (Ant's) path patterns: {@code **}{@code /} any directories, {@code *} any name part. */
    static boolean matches(String pattern, String path) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (pattern.startsWith("**/", i)) {
                regex.append("(?:.*/)?");
                i += 2;
            } else if (c == '*') {
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.matches(regex.toString(), path);
    }
}
