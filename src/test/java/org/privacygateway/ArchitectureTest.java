package org.privacygateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.persistence.Entity;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Query;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * The package layers, checked on the compiled main classes (see docs/architecture.md for the layers and what each
 * package owns). From the bottom: {@code masking} (the JDK only); {@code error}, {@code config}; {@code audit};
 * {@code partner}, {@code policy}; {@code consent}; {@code member}; {@code security}; and on top the adapters
 * {@code graphql}, {@code web}, {@code dev}, {@code bench}, which nothing below them may use.
 *
 * <p>Plain JUnit tests over one import rather than ArchUnit's {@code @ArchTest} fields, so that Surefire's
 * {@code -Dtest=ArchitectureTest} runs every rule.
 */
class ArchitectureTest {

    static final String[] DOMAIN = {
        "org.privacygateway.masking..", "org.privacygateway.consent..", "org.privacygateway.member..",
        "org.privacygateway.partner..", "org.privacygateway.policy..", "org.privacygateway.audit..",
        "org.privacygateway.security..", "org.privacygateway.config..", "org.privacygateway.ops.."
    };

    static final String[] ADAPTERS = {
        "org.privacygateway.graphql..", "org.privacygateway.web..", "org.privacygateway.dev..",
        "org.privacygateway.bench.."
    };

    /** The decision core stays pure: no framework, no I/O library, nothing of the gateway outside itself. */
    static final ArchRule MASKING_ONLY_JDK = classes()
            .that().resideInAPackage("org.privacygateway.masking..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.privacygateway.masking..")
            .because("the masking rules are a pure function that is tested rule by rule without a container");

    static final ArchRule DOMAIN_NOT_ON_ADAPTERS = noClasses()
            .that().resideInAnyPackage(DOMAIN)
            .should().dependOnClassesThat().resideInAnyPackage(ADAPTERS)
            .because("the GraphQL API, the consent center, dev mode and the bench are built on the domain, "
                    + "never the other way round");

    static final ArchRule NO_PACKAGE_CYCLES = slices()
            .matching("org.privacygateway.(*)..")
            .should().beFreeOfCycles();

    static final ArchRule NO_ENTITY_RESULTS = methods()
            .that().areAnnotatedWith(Query.class)
            .or().areAnnotatedWith(Mutation.class)
            .should(notExposeAnEntity())
            .because("GraphQL types are views chosen field by field; an entity would publish every column it gains");

    static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.privacygateway");
    }

    @Test
    void maskingDependsOnlyOnTheJdk() {
        MASKING_ONLY_JDK.check(main);
    }

    @Test
    void domainDoesNotDependOnAdapters() {
        DOMAIN_NOT_ON_ADAPTERS.check(main);
    }

    @Test
    void noPackageCycles() {
        NO_PACKAGE_CYCLES.check(main);
    }

    @Test
    void operationsDoNotReturnEntities() {
        NO_ENTITY_RESULTS.check(main);
    }

    /** Keeps the entity rule from passing vacuously: the import must see the entities it guards against. */
    @Test
    void theImportSeesEntities() {
        assertTrue(main.stream().filter(c -> c.isAnnotatedWith(Entity.class)).count() >= 5,
                "expected the JPA entities among the imported classes");
    }

    private static ArchCondition<JavaMethod> notExposeAnEntity() {
        return new ArchCondition<>("not return an entity, a list of entities or a connection of entities") {
            @Override
            public void check(JavaMethod method, ConditionEvents events) {
                for (JavaClass type : returnedTypes(method)) {
                    if (type.isAnnotatedWith(Entity.class)) {
                        events.add(SimpleConditionEvent.violated(method,
                                method.getFullName() + " returns the entity " + type.getName()));
                    }
                }
            }
        };
    }

    /**
     * Every type a method's result is made of: the return type with its type arguments ({@code List<X>},
     * {@code Optional<X>}, …) and, for a connection, the node type of its edges.
     */
    static Set<JavaClass> returnedTypes(JavaMethod method) {
        Set<JavaClass> types = new LinkedHashSet<>(method.getReturnType().getAllInvolvedRawTypes());
        for (JavaClass type : Set.copyOf(types)) {
            if (type.getSimpleName().endsWith("Connection")) {
                for (JavaClass edge : fieldTypes(type, "edges")) {
                    types.add(edge);
                    types.addAll(fieldTypes(edge, "node"));
                }
            }
        }
        return types;
    }

    private static Set<JavaClass> fieldTypes(JavaClass owner, String field) {
        return owner.tryGetField(field).map(JavaField::getType).map(t -> t.getAllInvolvedRawTypes()).orElse(Set.of());
    }
}
