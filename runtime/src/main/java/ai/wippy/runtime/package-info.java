/**
 * The Wippy runtime's entry point ({@code WippyRuntime}) and its options. No Maven types. The public API is
 * this package and every package not marked {@link ai.wippy.runtime.Internal}.
 */
package ai.wippy.runtime;
