package ai.wippy.runtime.wasip2;

/**
 * A wasi:http/types {@code request-options}: the three transport timeouts, in nanoseconds (null for
 * none). All three are supported ({@link Http1Exchange}): connect-timeout bounds the TCP connect
 * and the TLS handshake, first-byte-timeout the wait for the response's head, between-bytes-timeout
 * the response body stream's own gap timer ({@link ResponseBody}) and each read of the body.
 */
final class RequestOptions {

    Long connectTimeout;
    Long firstByteTimeout;
    Long betweenBytesTimeout;

    RequestOptions copy() {
        RequestOptions o = new RequestOptions();
        o.connectTimeout = connectTimeout;
        o.firstByteTimeout = firstByteTimeout;
        o.betweenBytesTimeout = betweenBytesTimeout;
        return o;
    }
}
