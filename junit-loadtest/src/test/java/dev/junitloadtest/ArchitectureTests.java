package dev.junitloadtest;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.util.Set;

import org.apiguardian.api.API;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * The layering of the library, checked on its compiled classes: what users may import stays apart from what may
 * change, the engine runs without JUnit, and only the JUnit adapter knows JUnit's extension context. A rule broken by
 * a change fails this test with every offending dependency listed.
 */
class ArchitectureTests {

    /** The packages users import; everything else is internal. */
    static final String[] API_PACKAGES = {"dev.junitloadtest", "dev.junitloadtest.http", "dev.junitloadtest.result",
        "dev.junitloadtest.assertions", "dev.junitloadtest.json"};

    /** The one way the API reaches internal code: the annotations that register the extension, by name. */
    static final Set<String> ALLOWED_API_TO_INTERNAL = Set.of(
            "dev.junitloadtest.LoadTest -> dev.junitloadtest.internal.junit.LoadTestExtension",
            "dev.junitloadtest.Task -> dev.junitloadtest.internal.junit.LoadTestExtension");

    private static JavaClasses library;

    @BeforeAll
    static void importLibrary() {
        library = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.junitloadtest");
    }

    @Test
    void apiPackagesImportNothingInternalButTheExtensionTheirAnnotationsRegister() {
        classes().that().resideInAnyPackage(API_PACKAGES)
                .should(dependOnNoInternalClassExcept(ALLOWED_API_TO_INTERNAL))
                .check(library);
    }

    @Test
    void theEngineImportsNothingOfJUnit() {
        noClasses().that().resideInAnyPackage("dev.junitloadtest.internal.engine..",
                "dev.junitloadtest.internal.recording..", "dev.junitloadtest.internal.http..",
                "dev.junitloadtest.internal.report..", "dev.junitloadtest.internal.health..")
                .should().dependOnClassesThat().resideInAPackage("org.junit..")
                .because("the engine runs load without JUnit: only internal.junit adapts it to JUnit")
                .check(library);
    }

    @Test
    void internalCodeBesidesTheAdapterUsesOfJUnitOnlyItsAnnotationLookup() {
        // Configuration and threshold readers find (meta-)annotations on users' classes with JUnit's
        // AnnotationSupport, the lookup JUnit itself documents; nothing else of JUnit belongs outside the adapter.
        noClasses().that().resideInAPackage("dev.junitloadtest.internal..")
                .and().resideOutsideOfPackage("dev.junitloadtest.internal.junit..")
                .should().dependOnClassesThat(resideInAPackage("org.junit..")
                        .and(not(resideInAPackage("org.junit.platform.commons.support"))))
                .check(library);
    }

    @Test
    void onlyTheJUnitAdapterAndTheJUnitFacingApiTouchTheExtensionContext() {
        noClasses().that().resideOutsideOfPackage("dev.junitloadtest.internal.junit..")
                .and().doNotBelongToAnyOf(LoadTestHost.class, LoadTestVerdicts.class)
                .should().dependOnClassesThat(belongToAnyOf(ExtensionContext.class))
                .check(library);
    }

    @Test
    void everyPublicTypeOfTheApiSaysItsStatus() {
        classes().that().resideInAnyPackage(API_PACKAGES).and().arePublic()
                .should().beAnnotatedWith(API.class)
                .check(library);
    }

    @Test
    void publicInternalTypesSayTheyAreInternal() {
        classes().that().resideInAPackage("dev.junitloadtest.internal..")
                .and().arePublic().and().areTopLevelClasses()
                .should(beMarkedInternal())
                .check(library);
    }

    private static ArchCondition<JavaClass> dependOnNoInternalClassExcept(Set<String> allowed) {
        return new ArchCondition<>("depend on no class in dev.junitloadtest.internal.. except " + allowed) {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass();
                    String edge = origin.getName() + " -> " + target.getName();
                    if (resideInAnyPackage("dev.junitloadtest.internal..").test(target) && !allowed.contains(edge)) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }

    private static ArchCondition<JavaClass> beMarkedInternal() {
        return new ArchCondition<>("be annotated with @API(status = INTERNAL)") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                boolean internal = type.tryGetAnnotationOfType(API.class)
                        .map(api -> api.status() == API.Status.INTERNAL).orElse(false);
                if (!internal) {
                    events.add(SimpleConditionEvent.violated(type, type.getName()
                            + " is public in an internal package but not annotated @API(status = INTERNAL)"));
                }
            }
        };
    }
}
