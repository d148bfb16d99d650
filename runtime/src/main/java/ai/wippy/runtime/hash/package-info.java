/** Streaming SHA-256 of binaries, the {@code sha256:} format and in-place rewriting of {@code hash:} values. */
package ai.wippy.runtime.hash;
