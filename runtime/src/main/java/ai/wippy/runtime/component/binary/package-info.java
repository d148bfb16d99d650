/** The Component Model binary decoder. Internal: no compatibility promise. */
@Internal
package ai.wippy.runtime.component.binary;

import ai.wippy.runtime.Internal;
