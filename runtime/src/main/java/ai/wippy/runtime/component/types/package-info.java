/** Component and instance types and subtyping. Internal: no compatibility promise. */
@Internal
package ai.wippy.runtime.component.types;

import ai.wippy.runtime.Internal;
