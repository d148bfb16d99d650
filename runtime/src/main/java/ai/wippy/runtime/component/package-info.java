/** The Component Model (binary format, types, compiler, plan, host imports). Internal: no compatibility promise. */
@Internal
package ai.wippy.runtime.component;

import ai.wippy.runtime.Internal;
