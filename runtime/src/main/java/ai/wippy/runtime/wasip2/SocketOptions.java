package ai.wippy.runtime.wasip2;

import java.io.IOException;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.channels.NetworkChannel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options a guest set on a socket, kept as well as applied: Java's listening channel supports
 * fewer options than a listening socket has (no SO_KEEPALIVE, SO_SNDBUF or TCP_KEEP* on a
 * ServerSocketChannel), and a socket changes channel when it starts listening, so what was set is
 * read back from here when the channel cannot tell and applied to every socket the listener accepts
 * (tcp.wit: accepted sockets inherit them).
 */
final class SocketOptions {

    /** The options kept across a socket's channels and inherited by accepted sockets. */
    static final List<SocketOption<?>> KEPT = List.of(StandardSocketOptions.SO_KEEPALIVE,
            StandardSocketOptions.SO_RCVBUF, StandardSocketOptions.SO_SNDBUF,
            jdk.net.ExtendedSocketOptions.TCP_KEEPIDLE, jdk.net.ExtendedSocketOptions.TCP_KEEPINTERVAL,
            jdk.net.ExtendedSocketOptions.TCP_KEEPCOUNT);

    private final Map<SocketOption<?>, Object> values = new LinkedHashMap<>();

    SocketOptions copy() {
        SocketOptions c = new SocketOptions();
        c.values.putAll(values);
        return c;
    }

    @SuppressWarnings("unchecked")
    <T> T get(NetworkChannel ch, SocketOption<T> option, T whenUnknown) {
        if (ch.supportedOptions().contains(option)) {
            try {
                return ch.getOption(option);
            } catch (IOException | RuntimeException e) {
                throw SocketError.of(e);
            }
        }
        return values.containsKey(option) ? (T) values.get(option) : whenUnknown;
    }

    <T> void set(NetworkChannel ch, SocketOption<T> option, T value) {
        if (ch.supportedOptions().contains(option)) {
            try {
                ch.setOption(option, value);
            } catch (IOException | RuntimeException e) {
                throw SocketError.of(e);
            }
        }
        values.put(option, value);
    }

    /** Before a socket's channel is let go: what it had and was not set, is kept. */
    void keepDefaults(NetworkChannel ch) {
        for (SocketOption<?> o : KEPT) {
            if (!values.containsKey(o) && ch.supportedOptions().contains(o)) {
                try {
                    values.put(o, ch.getOption(o));
                } catch (IOException | RuntimeException e) {
                    // an option the channel cannot read is not kept
                }
            }
        }
    }

    /** Applies what was set to a new channel (a connected or an accepted socket); failures are ignored. */
    void applyTo(NetworkChannel ch) {
        for (Map.Entry<SocketOption<?>, Object> e : values.entrySet()) {
            apply(ch, e.getKey(), e.getValue());
        }
    }

    /** As {@link #applyTo}, to a listener (only the options Java supports on one). */
    void applyToListener(NetworkChannel server) {
        applyTo(server);
    }

    @SuppressWarnings("unchecked")
    private static <T> void apply(NetworkChannel ch, SocketOption<T> option, Object value) {
        if (ch.supportedOptions().contains(option)) {
            try {
                ch.setOption(option, (T) value);
            } catch (IOException | RuntimeException e) {
                // as the kernel would, an option the new socket cannot take is left at its default
            }
        }
    }
}
