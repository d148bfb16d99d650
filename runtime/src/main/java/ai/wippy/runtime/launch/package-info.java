/** Glue from entries to processes: binary location, program loading, WASI set-up, captured output. Internal: no compatibility promise. */
@Internal
package ai.wippy.runtime.launch;

import ai.wippy.runtime.Internal;
