package ai.wippy.runtime.wasip2;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The JVM's HttpClients for guests' outgoing requests, made on first use and shared by every guest:
 * HttpClient's connect timeout is the client's, so there is one client per connect-timeout a guest
 * asked for, at most {@link #MAX_CLIENTS} (each has a selector thread; past that a guest's
 * connect-timeout is folded into its request's timeout instead, see {@link #forConnectTimeout}).
 * They follow no redirects, keep no cookies and have no authenticator (the host's credentials reach
 * no guest); the proxy is HttpClient's default (the JVM's {@code http.proxyHost} and the like, none
 * unless set).
 */
final class HttpClients {

    static final int MAX_CLIENTS = 8;
    private static final ReentrantLock LOCK = new ReentrantLock();
    private static final Map<Long, HttpClient> CLIENTS = new HashMap<>();

    private HttpClients() {
    }

    /**
     * The client whose connect timeout is {@code millis} (0: none), or null when there are already
     * {@link #MAX_CLIENTS} others (the caller then uses {@code forConnectTimeout(0)}).
     */
    static HttpClient forConnectTimeout(long millis) {
        LOCK.lock();
        try {
            HttpClient c = CLIENTS.get(millis);
            if (c == null) {
                if (millis != 0 && CLIENTS.size() >= MAX_CLIENTS) {
                    return null;
                }
                HttpClient.Builder b = HttpClient.newBuilder()
                        .followRedirects(HttpClient.Redirect.NEVER);
                if (millis > 0) {
                    b.connectTimeout(Duration.ofMillis(millis));
                }
                c = b.build();
                CLIENTS.put(millis, c);
            }
            return c;
        } finally {
            LOCK.unlock();
        }
    }
}
