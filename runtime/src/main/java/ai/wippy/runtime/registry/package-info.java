/** The entries of a loaded project, typed ({@code WasmEntry}, {@code FsDirectory}, env storages), and their validation. */
package ai.wippy.runtime.registry;
