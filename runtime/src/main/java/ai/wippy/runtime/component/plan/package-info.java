/** The instantiation plan a component is compiled into, once. Internal: no compatibility promise. */
@Internal
package ai.wippy.runtime.component.plan;

import ai.wippy.runtime.Internal;
