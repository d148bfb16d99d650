package ai.wippy.runtime.registry;

import java.util.Optional;

/**
 * Looks up the value of an {@code env.variable} entry by its ID (or public {@code variable}
 * name), through the storage it names. Empty and missing values are both "not found"; the
 * entry's {@code default} is not applied here (SPEC §5, Wippy's {@code Lookup}).
 */
public interface EnvResolver {

    Optional<String> lookup(String variableIdOrName);
}
