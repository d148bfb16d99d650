package ai.wippy.runtime.wasip2;

import ai.wippy.runtime.wit.WitVariant;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertificateException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * A wasi:http/types {@code error-code}, as the exception the http classes throw and the interface
 * returns as {@code err(code)}. {@link #of} reads what the JDK's sockets and TLS throw (their
 * exception types, and for plain IOExceptions the C library's strerror text) as the case the WIT
 * defines for it; {@link Http1Exchange} names timeouts and protocol errors itself.
 */
final class HttpError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The error-code value: a case name and its payload. */
    final transient WitVariant code;

    HttpError(String caseName) {
        this(new WitVariant(caseName, null));
    }

    HttpError(WitVariant code) {
        super(code.caseName(), null, false, false);
        this.code = code;
    }

    static HttpError internal(String what) {
        return new HttpError(new WitVariant("internal-error", what));
    }

    /** {@code HTTP-request-body-size(some(n))}: a body not of its declared content-length. */
    static HttpError requestBodySize(long written) {
        return new HttpError(new WitVariant("HTTP-request-body-size", written));
    }

    /** The error-code for a failure of a request or of reading its response. */
    static HttpError of(Throwable failure, boolean headersReceived) {
        Throwable e = unwrap(failure);
        if (e instanceof HttpError h) {
            return h;
        }
        if (e instanceof UnknownHostException || causedBy(e, UnresolvedAddressException.class)
                || causedBy(e, UnknownHostException.class)) {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("rcode", null);
            payload.put("info-code", null);
            return new HttpError(new WitVariant("DNS-error", payload));
        }
        if (e instanceof SSLHandshakeException && causedBy(e, CertificateException.class)) {
            return new HttpError("TLS-certificate-error");
        }
        if (e instanceof SSLException) {
            return new HttpError("TLS-protocol-error");
        }
        if (e instanceof NoRouteToHostException || causedBy(e, NoRouteToHostException.class)) {
            return new HttpError("destination-unavailable");
        }
        String m = messages(e);
        if (m.contains("network is unreachable")) {
            return new HttpError("destination-IP-unroutable");
        }
        if (m.contains("no route to host") || m.contains("host is down")) {
            return new HttpError("destination-unavailable");
        }
        if (e instanceof ConnectException || m.contains("connection refused")) {
            return new HttpError("connection-refused");
        }
        if (e instanceof ProtocolException || m.contains("invalid status line") || m.contains("bad header")
                || m.contains("protocol error")) {
            return new HttpError("HTTP-protocol-error");
        }
        if (e instanceof CancellationException) {
            return internal("the request was cancelled");
        }
        if (e instanceof IOException) {
            // the peer closed or reset the connection: before the response it ended the exchange,
            // during the body the response is cut short
            return new HttpError(headersReceived ? "HTTP-response-incomplete" : "connection-terminated");
        }
        return internal(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> kind) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (kind.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** Every message down the cause chain, lower-cased. */
    private static String messages(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null) {
                b.append(t.getMessage().toLowerCase(Locale.ROOT)).append('\n');
            }
        }
        return b.toString();
    }
}
