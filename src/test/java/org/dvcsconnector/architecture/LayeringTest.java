package org.dvcsconnector.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The plugin's packages depend in one direction: each tier may use the tiers below it, never one above it nor a
 * package beside it in its own tier. The composition root ({@code org.dvcsconnector}) wires everything and sits
 * on top. Read the tiers top-down to learn the code.
 */
class LayeringTest {

    /** Top to bottom. Packages in one tier are independent of each other. */
    static final List<List<String>> TIERS = List.of(
            List.of("org.dvcsconnector"),
            List.of("org.dvcsconnector.web.."),
            List.of("org.dvcsconnector.admin.."),
            List.of("org.dvcsconnector.webhook.."),
            List.of("org.dvcsconnector.sync.."),
            List.of("org.dvcsconnector.smartcommit..", "org.dvcsconnector.trigger.."),
            List.of("org.dvcsconnector.devevent.."),
            List.of("org.dvcsconnector.devinfo.."),
            List.of("org.dvcsconnector.account.."),
            List.of("org.dvcsconnector.bitbucket.."),
            List.of("org.dvcsconnector.issuekey.."),
            List.of("org.dvcsconnector.db.."),
            List.of("org.dvcsconnector.spi..", "org.dvcsconnector.api.."));

    private static JavaClasses plugin;

    @BeforeAll
    static void importPlugin() {
        plugin = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.dvcsconnector");
    }

    @Test
    void everyPluginPackageIsInATier() {
        noClasses().should().resideOutsideOfPackages(TIERS.stream().flatMap(List::stream).toArray(String[]::new))
                .because("a package outside the tiers escapes the layering").check(plugin);
    }

    @Test
    void noPackagesFormACycle() {
        slices().matching("org.dvcsconnector.(**)").should().beFreeOfCycles().check(plugin);
    }

    @TestFactory
    List<DynamicTest> noTierUsesATierAboveItOrAPackageBesideIt() {
        List<DynamicTest> tests = new ArrayList<>();
        for (int tier = 0; tier < TIERS.size(); tier++) {
            for (String pkg : TIERS.get(tier)) {
                List<String> forbidden = new ArrayList<>();
                for (int above = 0; above <= tier; above++) {
                    TIERS.get(above).stream().filter(other -> !other.equals(pkg)).forEach(forbidden::add);
                }
                if (forbidden.isEmpty()) {
                    continue;
                }
                String[] upward = forbidden.toArray(String[]::new);
                tests.add(DynamicTest.dynamicTest(pkg + " uses no package above or beside it",
                        () -> noClasses().that().resideInAPackage(pkg).should().dependOnClassesThat()
                                .resideInAnyPackage(upward).because("tiers depend downwards only: " + Arrays.toString(upward))
                                .check(plugin)));
            }
        }
        return tests;
    }
}
