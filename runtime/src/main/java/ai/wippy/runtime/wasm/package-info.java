/** The bounded pre-pass over WebAssembly binaries, run before Chicory sees them. Internal: no compatibility promise. */
@Internal
package ai.wippy.runtime.wasm;

import ai.wippy.runtime.Internal;
