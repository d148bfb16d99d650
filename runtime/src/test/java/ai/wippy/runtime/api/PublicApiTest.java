package ai.wippy.runtime.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The runtime's public API is a few packages (README "Embedding the runtime"); the rest is
 * internal. What an API type shows (public and protected constructors, methods, fields, supertypes)
 * names only API types, JDK types or its own nested types: an internal type (Chicory's, JNA's or
 * an engine class) never leaks into an embedder's code, so internals can change freely.
 */
class PublicApiTest {

    /** The packages an embedder uses (README "Embedding the runtime"); every other one is {@code @Internal}. */
    static final Set<String> API_PACKAGES = Set.of(
            "ai.wippy.runtime",
            "ai.wippy.runtime.process",
            "ai.wippy.runtime.host",
            "ai.wippy.runtime.wit",
            "ai.wippy.runtime.manifest",
            "ai.wippy.runtime.registry",
            "ai.wippy.runtime.command",
            "ai.wippy.runtime.testing",
            "ai.wippy.runtime.verify",
            "ai.wippy.runtime.hash");

    @Test
    void everyPackageIsEitherApiOrMarkedInternal() throws Exception {
        Set<String> unmarked = new TreeSet<>();
        for (String pkg : runtimePackages()) {
            Class<?> info = Class.forName(pkg + ".package-info", false, PublicApiTest.class.getClassLoader());
            if (info.getAnnotation(ai.wippy.runtime.Internal.class) == null) {
                unmarked.add(pkg);
            }
        }
        assertThat(unmarked).containsExactlyInAnyOrderElementsOf(API_PACKAGES);
    }

    @Test
    void apiTypesShowOnlyApiAndJdkTypes() throws Exception {
        Set<String> leaks = new TreeSet<>();
        for (Class<?> c : apiClasses()) {
            if (!Modifier.isPublic(c.getModifiers())) {
                continue;
            }
            List<Type> shown = new ArrayList<>();
            if (c.getGenericSuperclass() != null) {
                shown.add(c.getGenericSuperclass());
            }
            shown.addAll(List.of(c.getGenericInterfaces()));
            for (Constructor<?> k : c.getDeclaredConstructors()) {
                if (visible(k.getModifiers())) {
                    shown.addAll(signature(k));
                }
            }
            for (Method m : c.getDeclaredMethods()) {
                if (visible(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()) {
                    shown.addAll(signature(m));
                    shown.add(m.getGenericReturnType());
                }
            }
            for (Field f : c.getDeclaredFields()) {
                if (visible(f.getModifiers()) && !f.isSynthetic()) {
                    shown.add(f.getGenericType());
                }
            }
            for (Type t : shown) {
                for (Class<?> used : classesIn(t)) {
                    if (!allowed(used)) {
                        leaks.add(c.getName() + " shows " + used.getName());
                    }
                }
            }
        }
        assertThat(leaks).isEmpty();
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static List<Type> signature(Executable e) {
        List<Type> types = new ArrayList<>(List.of(e.getGenericParameterTypes()));
        types.addAll(List.of(e.getGenericExceptionTypes()));
        return types;
    }

    private static boolean allowed(Class<?> c) {
        while (c.isArray()) {
            c = c.getComponentType();
        }
        if (c.isPrimitive()) {
            return true;
        }
        String p = c.getPackageName();
        return p.startsWith("java.") || API_PACKAGES.contains(p);
    }

    private static List<Class<?>> classesIn(Type t) {
        List<Class<?>> out = new ArrayList<>();
        if (t instanceof Class<?> c) {
            out.add(c);
        } else if (t instanceof ParameterizedType p) {
            out.addAll(classesIn(p.getRawType()));
            for (Type a : p.getActualTypeArguments()) {
                out.addAll(classesIn(a));
            }
        } else if (t instanceof GenericArrayType g) {
            out.addAll(classesIn(g.getGenericComponentType()));
        } else if (t instanceof WildcardType w) {
            for (Type b : w.getUpperBounds()) {
                out.addAll(classesIn(b));
            }
            for (Type b : w.getLowerBounds()) {
                out.addAll(classesIn(b));
            }
        } else if (t instanceof TypeVariable<?> v) {
            for (Type b : v.getBounds()) {
                if (b != Object.class) {
                    out.addAll(classesIn(b));
                }
            }
        }
        return out;
    }

    /** Every class compiled from the runtime's main sources in an API package, nested ones included. */
    static List<Class<?>> apiClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        List<Class<?>> out = new ArrayList<>();
        for (String name : classNames()) {
            String pkg = name.substring(0, name.lastIndexOf('.'));
            if (API_PACKAGES.contains(pkg) && !name.endsWith("package-info")) {
                out.add(Class.forName(name, false, PublicApiTest.class.getClassLoader()));
            }
        }
        return out;
    }

    private static Set<String> runtimePackages() throws IOException, URISyntaxException {
        Set<String> out = new TreeSet<>();
        for (String name : classNames()) {
            out.add(name.substring(0, name.lastIndexOf('.')));
        }
        return out;
    }

    private static List<String> classNames() throws IOException, URISyntaxException {
        Path root = Path.of(ai.wippy.runtime.WippyRuntime.class.getProtectionDomain().getCodeSource()
                .getLocation().toURI());
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".class"))
                    .map(f -> root.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", ""))
                    .toList();
        }
    }
}
