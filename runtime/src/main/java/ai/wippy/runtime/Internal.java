package ai.wippy.runtime;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a package as internal to the runtime: its public types are public only so that other
 * runtime packages can use them, and may change or disappear in any release. Embedders use the
 * packages without this mark (README "Embedding the runtime"); {@code PublicApiTest} checks that
 * none of their types shows an internal one.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PACKAGE)
public @interface Internal {
}
