package ai.wippy.runtime.host;

import java.util.List;

/**
 * Offers Java host interfaces to components without code that builds the runtime: implementations
 * are found with {@link java.util.ServiceLoader} (a {@code META-INF/services/ai.wippy.runtime.host.HostInterfaceProvider}
 * file in the jar). In Maven, put the jar in the plugin's {@code <dependencies>}; every goal that runs
 * components then offers its interfaces.
 */
public interface HostInterfaceProvider {

    List<HostInterface> hostInterfaces();
}
