/** Loading Wippy entry manifests (YAML) into entries with source positions: {@code ManifestLoader}, {@code ManifestOptions}, {@code LoadResult}. */
package ai.wippy.runtime.manifest;
