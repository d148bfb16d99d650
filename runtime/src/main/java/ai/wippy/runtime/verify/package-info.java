/** Build-time checks of binaries: presence, hash, profile against binary kind, the full decode of {@code check}. */
package ai.wippy.runtime.verify;
