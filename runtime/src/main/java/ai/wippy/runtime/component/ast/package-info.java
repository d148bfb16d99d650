/** The immutable AST of a decoded component. Internal: no compatibility promise. */
@Internal
package ai.wippy.runtime.component.ast;

import ai.wippy.runtime.Internal;
