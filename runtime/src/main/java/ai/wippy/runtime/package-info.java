/** Wippy runtime: manifests, registry, hashes, engine, WASI, process host. No Maven types. */
package ai.wippy.runtime;
