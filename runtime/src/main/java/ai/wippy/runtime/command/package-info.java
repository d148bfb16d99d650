/** WASM commands: listing, shell-like argument splitting, exit-code rules. */
package ai.wippy.runtime.command;
