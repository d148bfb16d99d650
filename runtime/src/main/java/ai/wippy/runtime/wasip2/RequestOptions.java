package ai.wippy.runtime.wasip2;

/**
 * A wasi:http/types {@code request-options}: the three transport timeouts, in nanoseconds (null for
 * none). All three are supported: connect-timeout is HttpClient's connect timeout, first-byte-timeout
 * its request timeout (until the response's head arrives), between-bytes-timeout the response body
 * stream's own gap timer ({@link ResponseBodyStream}).
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
