package io.jenkins.plugins.releasegate;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jenkins.model.Jenkins;
import org.junit.jupiter.api.Test;

/** The plugin's own layering: one way to reach Jenkins, and agent-side code free of Jenkins. */
class PluginArchitectureTest {
    private static final JavaClasses PLUGIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.jenkins.plugins.releasegate");

    @Test
    void shouldReachJenkinsOnlyThroughTheFacade() {
        noClasses().that().doNotHaveFullyQualifiedName(JenkinsFacade.class.getName())
                .should().callMethod(Jenkins.class, "get")
                .orShould().callMethod(Jenkins.class, "getInstanceOrNull")
                .orShould().callMethod(Jenkins.class, "getInstance")
                .because("JenkinsFacade is the one way to reach Jenkins.get(), injected where it is used")
                .check(PLUGIN);
    }

    @Test
    void shouldKeepTheAgentSideAndThePageModelsFreeOfJenkins() {
        noClasses().that().resideInAnyPackage("io.jenkins.plugins.releasegate.agent..",
                        "io.jenkins.plugins.releasegate.view..")
                .should().dependOnClassesThat().resideInAnyPackage("hudson..", "jenkins..",
                        "org.jenkinsci.plugins..")
                .check(PLUGIN);
    }

    @Test
    void shouldKeepThePortsOutOfTheSteps() {
        noClasses().that().resideInAPackage("io.jenkins.plugins.releasegate.port..")
                .should().dependOnClassesThat().resideInAPackage("io.jenkins.plugins.releasegate")
                .check(PLUGIN);
    }
}
