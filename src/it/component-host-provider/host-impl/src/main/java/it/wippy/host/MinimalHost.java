package it.wippy.host;

import ai.wippy.runtime.host.HostInterface;
import ai.wippy.runtime.host.HostInterfaceProvider;
import java.util.List;

/** test:minimal/host, implemented in Java and found by the plugin through ServiceLoader. */
public class MinimalHost implements HostInterfaceProvider {

    @Override
    public List<HostInterface> hostInterfaces() {
        return List.of(HostInterface.named("test:minimal/host@0.1.0")
                .function("add", args -> (Integer) args.get(0) + (Integer) args.get(1))
                .build());
    }
}
