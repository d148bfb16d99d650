/** Validation of components by the Component Model's rules and inlining into a flat plan. Internal: no compatibility promise. */
@Internal
package ai.wippy.runtime.component.compile;

import ai.wippy.runtime.Internal;
