package ai.wippy.runtime.wasip2;

import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.nio.channels.AlreadyBoundException;
import java.nio.channels.AlreadyConnectedException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ConnectionPendingException;
import java.nio.channels.NotYetBoundException;
import java.nio.channels.NotYetConnectedException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.channels.UnsupportedAddressTypeException;
import java.util.Locale;

/**
 * A wasi:sockets/network {@code error-code} (the enum case's name), thrown by the socket classes and
 * returned to the guest as {@code err(code)} by the interface. {@link #of} maps what Java's socket
 * channels throw on Linux (their messages are the C library's strerror texts) to the code wasmtime
 * returns for the same errno.
 */
final class SocketError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final String code;

    SocketError(String code) {
        super(code, null, false, false);
        this.code = code;
    }

    static SocketError of(Throwable e) {
        return new SocketError(code(e));
    }

    static String code(Throwable e) {
        if (e instanceof SocketError s) {
            return s.code;
        }
        if (e instanceof AlreadyBoundException || e instanceof AlreadyConnectedException
                || e instanceof NotYetConnectedException || e instanceof NotYetBoundException
                || e instanceof ClosedChannelException) {
            return "invalid-state";
        }
        if (e instanceof ConnectionPendingException) {
            return "concurrency-conflict";
        }
        if (e instanceof UnsupportedAddressTypeException || e instanceof UnresolvedAddressException
                || e instanceof IllegalArgumentException) {
            return "invalid-argument";
        }
        if (e instanceof UnsupportedOperationException) {
            return "not-supported";
        }
        if (e instanceof SocketTimeoutException) {
            return "timeout";
        }
        if (e instanceof PortUnreachableException) {
            return "connection-refused";
        }
        if (e instanceof NoRouteToHostException) {
            return "remote-unreachable";
        }
        String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        String byMessage = byMessage(m);
        if (byMessage != null) {
            return byMessage;
        }
        if (e instanceof BindException) {
            return "address-in-use";
        }
        if (e instanceof ConnectException) {
            return "connection-refused";
        }
        return "unknown";
    }

    private static String byMessage(String m) {
        if (m.contains("already in use")) {
            return "address-in-use";
        }
        if (m.contains("cannot assign requested address")) {
            return "address-not-bindable";
        }
        if (m.contains("connection refused")) {
            return "connection-refused";
        }
        if (m.contains("connection reset")) {
            return "connection-reset";
        }
        if (m.contains("connection aborted") || m.contains("software caused connection abort")) {
            return "connection-aborted";
        }
        if (m.contains("timed out")) {
            return "timeout";
        }
        if (m.contains("unreachable") || m.contains("no route to host") || m.contains("host is down")
                || m.contains("network is down")) {
            return "remote-unreachable";
        }
        if (m.contains("message too long")) {
            return "datagram-too-large";
        }
        if (m.contains("permission denied") || m.contains("operation not permitted")) {
            return "access-denied";
        }
        if (m.contains("not supported") || m.contains("protocol family unavailable")
                || m.contains("address family")) {
            return "not-supported";
        }
        if (m.contains("too many open files")) {
            return "new-socket-limit";
        }
        if (m.contains("no buffer space") || m.contains("cannot allocate memory")) {
            return "out-of-memory";
        }
        if (m.contains("invalid argument")) {
            return "invalid-argument";
        }
        if (m.contains("not connected")) {
            return "invalid-state";
        }
        return null;
    }
}
