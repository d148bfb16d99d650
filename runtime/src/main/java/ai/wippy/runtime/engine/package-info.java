/** The engine over Chicory: {@code WasmEngine}, programs and executions for core modules and components, compile policy, compiled-code cache, limits. Internal: no compatibility promise. */
@Internal
package ai.wippy.runtime.engine;

import ai.wippy.runtime.Internal;
