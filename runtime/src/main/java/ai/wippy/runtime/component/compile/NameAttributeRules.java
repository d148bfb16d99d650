package ai.wippy.runtime.component.compile;

import ai.wippy.runtime.component.ast.NameAttributes;
import ai.wippy.runtime.component.types.ExternType;

/**
 * The validation rules for the attributes of an import or export name (Binary.md, "Import and
 * Export Definitions"; the forms wasm-tools accepts with its {@code cm-implements} and
 * {@code cm-canon-names} features). {@code implements} names the interface a plainly-named instance
 * implements (so a component can import one interface twice under two labels); {@code versionsuffix}
 * completes a canonical interface version ({@code @1} + {@code .2.3}) into the full one;
 * {@code external-id} is free text for tools. None of them takes part in type checking or in name
 * uniqueness.
 */
final class NameAttributeRules {

    private NameAttributeRules() {
    }

    /** Null when the attributes of {@code name}, of type {@code type}, are valid; else what is wrong. */
    static String check(String name, NameAttributes a, ExternType type) {
        if (a.implementsName() != null) {
            String impl = a.implementsName();
            if (!Names.isLabel(name)) {
                return "name `" + name + "` is not valid with `implements` (only a plain label is)";
            }
            if (!(type instanceof ExternType.Instance)) {
                return "only instances can have an `implements`, not a " + type.describe();
            }
            if (Names.checkExternName(impl) != null) {
                return "`" + impl + "` is not a valid name for `implements`";
            }
            if (!Names.isInterface(impl)) {
                return "name `" + impl + "` must be an interface (namespace:package/interface@version) for `implements`";
            }
        }
        if (a.versionSuffix() != null) {
            if (!(type instanceof ExternType.Instance)) {
                return "only instances can have a `versionsuffix`, not a " + type.describe();
            }
            String version = Names.interfaceVersion(name);
            if (version == null || !Names.isCanonVersion(version)) {
                return "a `versionsuffix` needs an interface name with a canonical version (like `@1` or `@0.2`),"
                        + " not `" + name + "`";
            }
            if (!Names.isSemver(version + a.versionSuffix())) {
                return "version `" + version + "` with suffix `" + a.versionSuffix() + "` is not a valid semver";
            }
        }
        return null;
    }
}
