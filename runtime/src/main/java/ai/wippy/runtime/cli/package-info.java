/** Command-line tools for conformance suites: {@code bin/wippy-wasi}, {@code bin/wippy-wast}. Internal: no compatibility promise. */
@Internal
package ai.wippy.runtime.cli;

import ai.wippy.runtime.Internal;
