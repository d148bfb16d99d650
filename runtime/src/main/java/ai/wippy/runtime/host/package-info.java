/** Host interfaces implemented in Java and offered to components: {@code HostInterface}, {@code HostInterfaces}, {@code HostInterfaceProvider}. */
package ai.wippy.runtime.host;
