package io.releasegate;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layering of docs/architecture.md, enforced. */
class ArchitectureTest {
    private static JavaClasses engine;

    @BeforeAll
    static void importEngine() {
        engine = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.releasegate");
    }

    @Test
    void shouldNotDependOnJenkins() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("hudson..", "jenkins..", "org.kohsuke.stapler..", "org.jenkinsci..")
                .check(engine);
    }

    @Test
    void shouldKeepJGitInsideTheDiffPackage() {
        noClasses().that().resideOutsideOfPackage("io.releasegate.diff..")
                .should().dependOnClassesThat().resideInAPackage("org.eclipse.jgit..")
                .check(engine);
    }

    @Test
    void shouldKeepTheSshLibrariesInsideTheSignatureCode() {
        noClasses().that().resideOutsideOfPackage("io.releasegate.signoff.sshsig..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.sshd..", "org.bouncycastle..")
                .check(engine);
    }

    @Test
    void shouldNotLetAnythingUseTheCli() {
        noClasses().that().resideOutsideOfPackage("io.releasegate.cli..")
                .should().dependOnClassesThat().resideInAPackage("io.releasegate.cli..")
                .check(engine);
    }

    @Test
    void shouldKeepPicocliInsideTheCli() {
        noClasses().that().resideOutsideOfPackage("io.releasegate.cli..")
                .should().dependOnClassesThat().resideInAPackage("picocli..")
                .check(engine);
    }

    @Test
    void shouldKeepTheModelFreeOfOtherCapabilities() {
        classes().that().resideInAPackage("io.releasegate.config..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("io.releasegate.config..", "io.releasegate.log..", "java..",
                        "com.fasterxml.jackson..")
                .check(engine);
    }

    @Test
    void shouldKeepThePrometheusClientInsideTheMetricsPackage() {
        // the Jenkins plugin excludes the client library: only the CLI's watch may load io.releasegate.metrics
        noClasses().that().resideOutsideOfPackage("io.releasegate.metrics..")
                .should().dependOnClassesThat().resideInAPackage("io.prometheus..")
                .check(engine);
        noClasses().that().resideOutsideOfPackages("io.releasegate.watch..", "io.releasegate.cli..",
                "io.releasegate.metrics..")
                .should().dependOnClassesThat().resideInAPackage("io.releasegate.metrics..")
                .check(engine);
    }

    @Test
    void shouldHaveNoCyclesBetweenCapabilities() {
        slices().matching("io.releasegate.(*)..").should().beFreeOfCycles().check(engine);
    }

    @Test
    void shouldHaveNoCyclesBetweenSubPackages() {
        slices().matching("io.releasegate.(**)").should().beFreeOfCycles().check(engine);
    }

    @Test
    void shouldKeepRollbackAndPagingApart() {
        noClasses().that().resideInAPackage("io.releasegate.rollback..")
                .should().dependOnClassesThat().resideInAPackage("io.releasegate.paging..")
                .check(engine);
        noClasses().that().resideInAPackage("io.releasegate.paging..")
                .should().dependOnClassesThat().resideInAPackage("io.releasegate.rollback..")
                .check(engine);
    }

    @Test
    void shouldKeepTheGateFreeOfRenderings() {
        noClasses().that().resideInAnyPackage("io.releasegate.gate..", "io.releasegate.drill..")
                .should().dependOnClassesThat().resideInAPackage("io.releasegate.report..")
                .check(engine);
    }
}
