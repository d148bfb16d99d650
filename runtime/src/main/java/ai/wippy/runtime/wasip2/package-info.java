/** WASI 0.2 host interfaces for components. Internal: no compatibility promise. */
@Internal
package ai.wippy.runtime.wasip2;

import ai.wippy.runtime.Internal;
