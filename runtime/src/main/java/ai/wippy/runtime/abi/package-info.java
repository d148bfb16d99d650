/** The canonical ABI: lift and lower of every WIT type, compiled into plans. Internal: no compatibility promise. */
@Internal
package ai.wippy.runtime.abi;

import ai.wippy.runtime.Internal;
