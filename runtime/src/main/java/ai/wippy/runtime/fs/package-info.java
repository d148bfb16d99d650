/** The confined filesystem layer shared by both WASI versions (openat2 / O_NOFOLLOW walks through JNA). Internal: no compatibility promise. */
@Internal
package ai.wippy.runtime.fs;

import ai.wippy.runtime.Internal;
