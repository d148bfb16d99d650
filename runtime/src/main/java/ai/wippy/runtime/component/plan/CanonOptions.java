package ai.wippy.runtime.component.plan;

import ai.wippy.runtime.component.ast.Definition.StringEncoding;

/** Resolved canonical options; absent ones are null. */
public record CanonOptions(StringEncoding encoding, CoreRef memory, CoreRef realloc, CoreRef postReturn) {
}
