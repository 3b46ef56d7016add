package org.privacygateway;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * Keeps {@code docs/resources.md} the complete list of what the gateway holds in memory for longer than a request.
 *
 * <p>Every field that can hold a growing number of things (a map, a collection, a queue, a cache) and lives longer than
 * a request (a static field, or a field of an application-wide bean or an enum) must be named in the document as
 * {@code `Class.field`}, either in the table of structures that callers can grow (with its bound in bytes) or in the
 * list of fixed ones (with why it cannot grow). A static field that holds an unmodifiable JDK collection is fixed by
 * construction and need not be listed. Names in the document that no longer exist in the code fail the test too, so
 * the document cannot go stale in either direction.
 */
class ResourcesDocumentTest {

    private static final Path DOCUMENT = Path.of("docs/resources.md");
    private static final Pattern NAMED = Pattern.compile("`([A-Z][A-Za-z0-9]*(?:\\.[A-Z][A-Za-z0-9]*)*)\\.([A-Za-z][A-Za-z0-9_]*)`");
    private static final Set<String> LONG_LIVED = Set.of(
            "jakarta.enterprise.context.ApplicationScoped", "jakarta.inject.Singleton", "io.quarkus.runtime.Startup");

    static JavaClasses main;
    static String document;

    @BeforeAll
    static void load() throws IOException {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.privacygateway", "db.migration");
        document = Files.readString(DOCUMENT);
    }

    @Test
    void everyLongLivedContainerIsListed() {
        Set<String> documented = documented();
        Set<String> missing = new TreeSet<>();
        for (String field : longLivedContainers()) {
            if (!documented.contains(field)) {
                missing.add(field);
            }
        }
        assertTrue(missing.isEmpty(), "Long-lived fields that can grow and are not in docs/resources.md: " + missing
                + ". Add each to the table (who fills it, its bound in bytes, what happens at the bound, the test"
                + " that fills it) or to the fixed list with why it cannot grow.");
    }

    @Test
    void everyListedFieldExists() {
        Set<String> stale = new TreeSet<>();
        for (String named : documented()) {
            int dot = named.lastIndexOf('.');
            String simple = named.substring(0, dot);
            String field = named.substring(dot + 1);
            boolean found = main.stream().anyMatch(c -> simpleName(c).equals(simple)
                    && c.getFields().stream().anyMatch(f -> f.getName().equals(field)));
            if (!found) {
                stale.add(named);
            }
        }
        assertTrue(stale.isEmpty(), "docs/resources.md names fields that do not exist: " + stale);
    }

    /** {@code Outer.Inner.field} names as written in the document. */
    static Set<String> documented() {
        Set<String> names = new TreeSet<>();
        Matcher m = NAMED.matcher(document);
        while (m.find()) {
            if (m.group(1).endsWith("Test")) {
                continue; // a test named as the one that fills a structure
            }
            names.add(m.group(1) + "." + m.group(2));
        }
        return names;
    }

    /**
     * Long-lived classes are the application-wide beans, the enums, and, transitively, every gateway class that a
     * long-lived field can refer to (its type or a type argument: the value of a cached map lives as long as the map).
     */
    static Set<String> longLivedContainers() {
        Set<JavaClass> longLived = new java.util.LinkedHashSet<>();
        java.util.ArrayDeque<JavaClass> todo = new java.util.ArrayDeque<>();
        for (JavaClass c : main) {
            if (LONG_LIVED.stream().anyMatch(c::isAnnotatedWith) || c.isEnum()) {
                todo.add(c);
            }
            for (JavaField f : c.getFields()) {
                if (f.getModifiers().contains(JavaModifier.STATIC)) {
                    f.getType().getAllInvolvedRawTypes().stream().filter(ResourcesDocumentTest::ours).forEach(todo::add);
                }
            }
        }
        while (!todo.isEmpty()) {
            JavaClass c = todo.poll();
            if (!longLived.add(c)) {
                continue;
            }
            for (JavaField f : c.getFields()) {
                if (!f.getModifiers().contains(JavaModifier.STATIC)) {
                    f.getType().getAllInvolvedRawTypes().stream().filter(ResourcesDocumentTest::ours).forEach(todo::add);
                }
            }
        }
        Set<String> found = new TreeSet<>();
        for (JavaClass c : main) {
            for (JavaField f : c.getFields()) {
                if (!container(f) || f.getModifiers().contains(JavaModifier.SYNTHETIC) || f.getName().startsWith("$")) {
                    continue;
                }
                boolean isStatic = f.getModifiers().contains(JavaModifier.STATIC);
                if (!isStatic && !longLived.contains(c)) {
                    continue;
                }
                if (isStatic && f.getModifiers().contains(JavaModifier.FINAL) && fixedByConstruction(c, f)) {
                    continue;
                }
                found.add(simpleName(c) + "." + f.getName());
            }
        }
        return found;
    }

    private static boolean ours(JavaClass c) {
        return c.getPackageName().startsWith("org.privacygateway") && !c.isArray();
    }

    private static boolean container(JavaField f) {
        JavaClass type = f.getRawType();
        return type.isAssignableTo(Map.class) || type.isAssignableTo(Collection.class)
                || type.getName().endsWith("Cache") || type.isArray() && !type.getComponentType().isPrimitive()
                        && !type.getComponentType().getName().equals(String.class.getName());
    }

    /** A static final field holding an unmodifiable JDK collection (or an enum map/set of fixed keys): it cannot grow. */
    private static boolean fixedByConstruction(JavaClass owner, JavaField f) {
        try {
            Field field = Class.forName(owner.getName(), true, ResourcesDocumentTest.class.getClassLoader())
                    .getDeclaredField(f.getName());
            if (!Modifier.isStatic(field.getModifiers())) {
                return false;
            }
            field.setAccessible(true);
            Object value = field.get(null);
            if (value == null) {
                return false;
            }
            String type = value.getClass().getName();
            return type.startsWith("java.util.ImmutableCollections$") || type.startsWith("java.util.Collections$Unmodifiable")
                    || type.startsWith("java.util.Collections$Empty") || type.startsWith("java.util.Collections$Singleton");
        } catch (ReflectiveOperationException | LinkageError e) {
            return false;
        }
    }

    private static String simpleName(JavaClass c) {
        return c.getName().substring(c.getPackageName().length() + 1).replace('$', '.');
    }
}
