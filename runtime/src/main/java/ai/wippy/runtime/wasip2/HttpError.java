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
            // wasmtime's payload for a name that does not resolve
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("rcode", "address not available");
            payload.put("info-code", 0L);
            return new HttpError(new WitVariant("DNS-error", payload));
        }
        if (e instanceof SSLHandshakeException && causedBy(e, CertificateException.class)) {
            return new HttpError("TLS-certificate-error");
        }
        HttpError alert = alert(e);
        if (alert != null) {
            return alert;
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

    /** TLS alert descriptions (RFC 8446 §6, RFC 5246 §7.2) by the names the JDK's messages use. */
    private static final Map<String, Long> ALERTS = Map.ofEntries(Map.entry("close_notify", 0L),
            Map.entry("unexpected_message", 10L), Map.entry("bad_record_mac", 20L), Map.entry("record_overflow", 22L),
            Map.entry("handshake_failure", 40L), Map.entry("bad_certificate", 42L),
            Map.entry("unsupported_certificate", 43L), Map.entry("certificate_revoked", 44L),
            Map.entry("certificate_expired", 45L), Map.entry("certificate_unknown", 46L),
            Map.entry("illegal_parameter", 47L), Map.entry("unknown_ca", 48L), Map.entry("access_denied", 49L),
            Map.entry("decode_error", 50L), Map.entry("decrypt_error", 51L), Map.entry("protocol_version", 70L),
            Map.entry("insufficient_security", 71L), Map.entry("internal_error", 80L),
            Map.entry("inappropriate_fallback", 86L), Map.entry("user_canceled", 90L),
            Map.entry("missing_extension", 109L), Map.entry("unsupported_extension", 110L),
            Map.entry("unrecognized_name", 112L), Map.entry("bad_certificate_status_response", 113L),
            Map.entry("unknown_psk_identity", 115L), Map.entry("certificate_required", 116L),
            Map.entry("no_application_protocol", 120L));

    /**
     * {@code TLS-alert-received} for an alert the server sent (the JDK says "Received fatal alert:
     * NAME", lately after "(NAME) "), with its number when the name is a known one; else null.
     */
    private static HttpError alert(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage();
            int at = m == null ? -1 : m.indexOf("Received fatal alert: ");
            if (t instanceof SSLException && at >= 0) {
                // "Received fatal alert: NAME", and since JDK 24 "(NAME) Received fatal alert: NAME"
                String name = m.substring(at + "Received fatal alert: ".length()).trim();
                Map<String, Object> payload = new LinkedHashMap<>();
                payload.put("alert-id", ALERTS.get(name));
                payload.put("alert-message", name);
                return new HttpError(new WitVariant("TLS-alert-received", payload));
            }
        }
        return null;
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
