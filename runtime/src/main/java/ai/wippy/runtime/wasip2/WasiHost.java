package ai.wippy.runtime.wasip2;

import ai.wippy.runtime.component.host.HostImports;
import ai.wippy.runtime.component.types.FuncType;
import ai.wippy.runtime.registry.ImportProfile;
import ai.wippy.runtime.wasi.WasiOptions;
import ai.wippy.runtime.wit.ResourceType;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The WASI 0.2 host of one component execution: every {@code wasi:*} interface of 0.2.0 to 0.2.12
 * (one implementation serves them all: the versions differ only by additions) whose profile the
 * entry grants (SPEC §4). An interface of a profile the entry did not declare links to functions that
 * trap naming the profile to add; a 0.3 or other unknown version is not served (unresolved).
 */
public final class WasiHost implements HostImports {

    @FunctionalInterface
    private interface Functions {
        HostCall function(String name, FuncType type, WasiContext cx);
    }

    private record Interface(String profile, Functions functions) {
    }

    private static final Functions NO_FUNCTIONS = (name, type, cx) -> null;

    private static final Map<String, Interface> INTERFACES = Map.ofEntries(
            Map.entry("wasi:io/error", new Interface("wasi:io", IoInterfaces::error)),
            Map.entry("wasi:io/streams", new Interface("wasi:io", IoInterfaces::streams)),
            Map.entry("wasi:io/poll", new Interface("wasi:poll", IoInterfaces::poll)),
            Map.entry("wasi:clocks/monotonic-clock", new Interface("wasi:clocks", ClockInterfaces::monotonic)),
            Map.entry("wasi:clocks/wall-clock", new Interface("wasi:clocks", ClockInterfaces::wall)),
            Map.entry("wasi:random/random", new Interface("wasi:random", RandomInterfaces::random)),
            Map.entry("wasi:random/insecure", new Interface("wasi:random", RandomInterfaces::random)),
            Map.entry("wasi:random/insecure-seed", new Interface("wasi:random", RandomInterfaces::random)),
            Map.entry("wasi:cli/environment", new Interface("wasi:cli", CliInterfaces::environment)),
            Map.entry("wasi:cli/exit", new Interface("wasi:cli", CliInterfaces::exit)),
            Map.entry("wasi:cli/stdin", new Interface("wasi:cli", CliInterfaces::stdin)),
            Map.entry("wasi:cli/stdout", new Interface("wasi:cli", CliInterfaces::stdout)),
            Map.entry("wasi:cli/stderr", new Interface("wasi:cli", CliInterfaces::stderr)),
            Map.entry("wasi:cli/terminal-input", new Interface("wasi:cli", NO_FUNCTIONS)),
            Map.entry("wasi:cli/terminal-output", new Interface("wasi:cli", NO_FUNCTIONS)),
            Map.entry("wasi:cli/terminal-stdin", new Interface("wasi:cli", CliInterfaces::terminal)),
            Map.entry("wasi:cli/terminal-stdout", new Interface("wasi:cli", CliInterfaces::terminal)),
            Map.entry("wasi:cli/terminal-stderr", new Interface("wasi:cli", CliInterfaces::terminal)),
            Map.entry("wasi:filesystem/types", new Interface("wasi:filesystem", FilesystemInterfaces::types)),
            Map.entry("wasi:filesystem/preopens", new Interface("wasi:filesystem", FilesystemInterfaces::preopens)),
            Map.entry("wasi:sockets/network", new Interface("wasi:sockets", SocketsInterfaces::network)),
            Map.entry("wasi:sockets/instance-network", new Interface("wasi:sockets", SocketsInterfaces::instanceNetwork)),
            Map.entry("wasi:sockets/tcp-create-socket", new Interface("wasi:sockets", SocketsInterfaces::tcpCreateSocket)),
            Map.entry("wasi:sockets/tcp", new Interface("wasi:sockets", SocketsInterfaces::tcp)),
            Map.entry("wasi:sockets/udp-create-socket", new Interface("wasi:sockets", SocketsInterfaces::udpCreateSocket)),
            Map.entry("wasi:sockets/udp", new Interface("wasi:sockets", SocketsInterfaces::udp)),
            Map.entry("wasi:sockets/ip-name-lookup", new Interface("wasi:sockets", SocketsInterfaces::ipNameLookup)),
            Map.entry("wasi:http/types", new Interface("wasi:http", HttpInterfaces::types)),
            Map.entry("wasi:http/outgoing-handler", new Interface("wasi:http", HttpInterfaces::outgoingHandler)));

    private final WasiContext cx;
    private final Set<String> granted;

    /** @param imports the entry's {@code imports} as written ({@code wasi:cli}, {@code wasi:io/poll@0.2.3}, …) */
    public WasiHost(WasiOptions options, Set<String> imports) {
        this.cx = new WasiContext(options);
        this.granted = imports.stream().map(ImportProfile::resolve).flatMap(java.util.Optional::stream)
                .map(ImportProfile::canonicalName).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** Whether {@code importName} ({@code wasi:io/streams@0.2.3}) is an interface this host implements. */
    public static boolean implementsInterface(String importName) {
        return lookup(importName) != null;
    }

    @Override
    public HostCall resolve(String importName, List<String> path, FuncType type) {
        Interface iface = lookup(importName);
        if (iface == null || path.size() != 1) {
            return null;
        }
        if (!granted.contains(iface.profile())) {
            String qualified = HostImports.qualifiedName(importName, path);
            return args -> {
                throw new WasiTrap(qualified + ": the entry does not grant " + iface.profile()
                        + "; add it to the entry's imports (imports: [" + iface.profile() + "])");
            };
        }
        return iface.functions().function(path.get(0), type, cx);
    }

    /** The interface an import names when it is WASI 0.2.x; null otherwise. */
    private static Interface lookup(String importName) {
        int at = importName.indexOf('@');
        if (at < 0 || !importName.startsWith("wasi:")) {
            return null;
        }
        String version = importName.substring(at + 1);
        if (!version.startsWith("0.2.") || version.contains("-")) {
            return null; // 0.3 is async and another ABI; pre-releases match nothing (as wasmtime)
        }
        return INTERFACES.get(importName.substring(0, at));
    }

    @Override
    public void dropped(ResourceType type, int rep) {
        cx.resources.drop(type, rep);
    }

    @Override
    public void close() {
        cx.close();
    }
}
