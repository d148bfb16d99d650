/** WASI preview 1 host functions over the confined filesystem layer. Internal: no compatibility promise. */
@Internal
package ai.wippy.runtime.wasi;

import ai.wippy.runtime.Internal;
