/** How a component's imports are served: the WASI 0.2 host, then Java host interfaces. Internal: no compatibility promise. */
@Internal
package ai.wippy.runtime.component.host;

import ai.wippy.runtime.Internal;
