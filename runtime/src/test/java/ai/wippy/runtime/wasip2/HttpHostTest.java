package ai.wippy.runtime.wasip2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.wippy.runtime.wasi.WasiOptions;
import ai.wippy.runtime.wit.WitVariant;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The wasi:http host below the guest: what fields accept, the error-code each failure of the JDK's
 * sockets and TLS becomes, the request body's queue (bounded, its length decided when the exchange
 * asks, its declared length held to, its trailers kept) and the response body's (asked for only while
 * little waits), and the per-guest cap.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpHostTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static Waker waker() {
        return new WasiContext(WasiOptions.builder().stdout(new ByteArrayOutputStream())
                .stderr(new ByteArrayOutputStream()).stdin(InputStream.nullInputStream()).build()).waker;
    }

    @Test
    void fieldNamesAreTokensAndValuesFieldContent() {
        assertThat(HttpFields.isToken("X-Custom_1.a!#$%&'*+^`|~")).isTrue();
        assertThat(HttpFields.isToken("")).isFalse();
        assertThat(HttpFields.isToken("a b")).isFalse();
        assertThat(HttpFields.isToken("a:b")).isFalse();
        assertThat(HttpFields.isToken("ünï")).isFalse();
        assertThat(HttpFields.isFieldValue(b(""))).isTrue();
        assertThat(HttpFields.isFieldValue(b("a b\tc"))).isTrue();
        assertThat(HttpFields.isFieldValue(new byte[] {(byte) 0xe9, (byte) 0xff})).as("obs-text").isTrue();
        assertThat(HttpFields.isFieldValue(b(" a"))).isFalse();
        assertThat(HttpFields.isFieldValue(b("a "))).isFalse();
        assertThat(HttpFields.isFieldValue(b("a\u0000b"))).isFalse();
        assertThat(HttpFields.isFieldValue(b("a\u007fb"))).isFalse();
    }

    @Test
    void fieldsKeepOrderAndCaseAndBecomeImmutable() {
        HttpFields f = HttpFields.fromList(List.of(new HttpFields.Field("Content-Type", b("text/plain")),
                new HttpFields.Field("X-A", b("1"))));
        f.append("x-a", b("2"));
        assertThat(f.entries()).extracting(HttpFields.Field::name).containsExactly("Content-Type", "X-A", "x-a");
        assertThat(f.get("X-a")).extracting(v -> new String(v, StandardCharsets.ISO_8859_1)).containsExactly("1", "2");
        assertThatThrownBy(() -> f.append("Transfer-Encoding", b("chunked")))
                .isInstanceOfSatisfying(HttpFields.HeaderError.class, e -> assertThat(e.code).isEqualTo("forbidden"));
        f.set("content-length", List.of(b("3"))); // the host sends it, and holds the body to it
        HttpFields copy = f.copy();
        f.makeImmutable();
        assertThatThrownBy(() -> f.delete("x-a"))
                .isInstanceOfSatisfying(HttpFields.HeaderError.class, e -> assertThat(e.code).isEqualTo("immutable"));
        copy.delete("x-a");
        assertThat(copy.has("X-A")).isFalse();
        assertThat(f.has("X-A")).isTrue();
        byte[] huge = new byte[HttpFields.MAX_BYTES];
        java.util.Arrays.fill(huge, (byte) 'a');
        assertThatThrownBy(() -> new HttpFields().append("x", huge))
                .isInstanceOf(WasiTrap.class).hasMessageContaining("fields of more than");
    }

    @Test
    void socketAndTlsFailuresBecomeTheWitsErrorCodes() {
        assertThat(HttpError.of(new ConnectException(), false).code.caseName()).isEqualTo("connection-refused");
        WitVariant dns = HttpError.of(new ConnectException() {
            { initCause(new java.nio.channels.UnresolvedAddressException()); }
        }, false).code;
        assertThat(dns.caseName()).isEqualTo("DNS-error");
        assertThat(HttpError.of(new UnknownHostException("x.invalid"), false).code)
                .as("wasmtime's payload").isEqualTo(new WitVariant("DNS-error",
                        java.util.Map.of("rcode", "address not available", "info-code", 0L)));
        assertThat(HttpError.of(new SSLHandshakeException("Received fatal alert: handshake_failure"), false).code)
                .isEqualTo(new WitVariant("TLS-alert-received",
                        java.util.Map.of("alert-id", 40L, "alert-message", "handshake_failure")));
        assertThat(HttpError.of(new SSLHandshakeException("(certificate_required) Received fatal alert: certificate_required"),
                false).code).as("JDK 24+").isEqualTo(new WitVariant("TLS-alert-received",
                        java.util.Map.of("alert-id", 116L, "alert-message", "certificate_required")));
        SSLHandshakeException cert = new SSLHandshakeException("PKIX path building failed");
        cert.initCause(new java.security.cert.CertificateException("unknown issuer"));
        assertThat(HttpError.of(cert, false).code.caseName()).isEqualTo("TLS-certificate-error");
        assertThat(HttpError.of(new SSLHandshakeException("no cipher suites in common"), false).code.caseName())
                .isEqualTo("TLS-protocol-error");
        assertThat(HttpError.of(new IOException("Connection reset"), false).code.caseName()).isEqualTo("connection-terminated");
        assertThat(HttpError.of(new IOException("EOF reached"), true).code.caseName()).isEqualTo("HTTP-response-incomplete");
        assertThat(HttpError.of(new java.net.ProtocolException("Invalid status line"), false).code.caseName())
                .isEqualTo("HTTP-protocol-error");
        WitVariant other = HttpError.of(new IllegalStateException("odd"), false).code;
        assertThat(other).isEqualTo(new WitVariant("internal-error", "IllegalStateException: odd"));
    }

    /** Takes a piece of the body as the exchange's writer does (nothing to flush here). */
    private static ByteBuffer take(RequestBody body) throws IOException {
        return body.take(() -> { });
    }

    @Test
    void theRequestBodyQueueIsBoundedAndDrainsAsTheExchangeAsks() throws IOException {
        RequestBody body = new RequestBody(waker(), -1);
        Pollable writable = body.writable();
        byte[] chunk = new byte[64 * 1024];
        while (body.room() > 0) {
            body.write(chunk, 0, (int) Math.min(chunk.length, body.room()));
        }
        assertThat(body.room()).isZero();
        assertThat(writable.ready()).isFalse();
        long taken = take(body).remaining() + take(body).remaining();
        assertThat(taken).isEqualTo(2L * chunk.length);
        assertThat(body.room()).isEqualTo(2L * chunk.length);
        assertThat(writable.ready()).isTrue();
        assertThat(body.contentLength()).as("not finished when asked: chunked").isEqualTo(-1);
        body.finish(null);
        for (ByteBuffer b; (b = take(body)) != null;) {
            taken += b.remaining();
        }
        assertThat(taken).as("everything queued, then the end").isEqualTo(RequestBody.CAPACITY);
    }

    @Test
    void aBodyFinishedBeforeTheHeadGoesOutIsSentWithItsLengthUnlessItHasTrailers() {
        RequestBody body = new RequestBody(waker(), -1);
        body.write(b("hello"), 0, 5);
        body.finish(null);
        assertThat(body.contentLength()).isEqualTo(5);
        RequestBody withTrailers = new RequestBody(waker(), -1);
        withTrailers.write(b("hello"), 0, 5);
        HttpFields trailers = HttpFields.fromList(List.of(new HttpFields.Field("x-sum", b("5"))));
        withTrailers.finish(trailers);
        assertThat(withTrailers.contentLength()).as("trailers follow the last chunk").isEqualTo(-1);
        assertThat(withTrailers.trailers()).isSameAs(trailers);
        RequestBody empty = new RequestBody(waker(), -1);
        long t0 = System.nanoTime();
        assertThat(empty.contentLength()).as("nothing written, not finished: a moment's wait, then chunked").isEqualTo(-1);
        assertThat((System.nanoTime() - t0) / 1_000_000).isBetween(RequestBody.SETTLE_MILLIS - 5, 5_000L);
    }

    @Test
    void aDeclaredLengthIsHeldTo() {
        RequestBody longer = new RequestBody(waker(), 4);
        longer.write(b("abcd"), 0, 4);
        assertThatThrownBy(() -> longer.write(b("e"), 0, 1)).isInstanceOfSatisfying(HttpError.class,
                e -> assertThat(e.code).isEqualTo(new WitVariant("HTTP-request-body-size", 5L)));
        RequestBody shorter = new RequestBody(waker(), 4);
        shorter.write(b("ab"), 0, 2);
        assertThatThrownBy(() -> shorter.finish(null)).isInstanceOfSatisfying(HttpError.class,
                e -> assertThat(e.code).isEqualTo(new WitVariant("HTTP-request-body-size", 2L)));
        assertThatThrownBy(() -> take(shorter)).as("the request fails rather than send a short body")
                .isInstanceOfSatisfying(RequestBody.BodyFailed.class,
                        e -> assertThat(e.why.code).isEqualTo(new WitVariant("HTTP-request-body-size", 2L)));
        assertThat(shorter.contentLength()).isEqualTo(4);
    }

    /** The exchange's side of a response body: counts what is asked. */
    private static final class Source implements Http1Exchange.Demand {
        long asked;
        boolean cancelled;

        @Override public void request(long n) { asked += n; }
        @Override public void cancel() { cancelled = true; }
    }

    @Test
    void theResponseBodyIsAskedForOnlyWhileLittleWaits() {
        List<Boolean> ended = new ArrayList<>();
        ResponseBody body = new ResponseBody(waker(), 0, () -> ended.add(true));
        Source source = new Source();
        body.onStart(source);
        assertThat(source.asked).isEqualTo(1);
        assertThat(body.readable.ready()).isFalse();
        for (int i = 0; i < 10 && source.asked == i + 1; i++) {
            body.onData(new byte[16 * 1024]);
        }
        assertThat(source.asked).as("64 KiB wait: no more is asked").isEqualTo(4);
        assertThat(body.readable.ready()).isTrue();
        assertThat(body.read(100_000)).hasSize(64 * 1024);
        assertThat(source.asked).isEqualTo(5);
        HttpFields trailers = HttpFields.received(List.of(new HttpFields.Field("x-sum", b("1"))));
        body.onEnd(trailers);
        assertThat(body.read(10)).isNull();
        assertThat(ended).containsExactly(true);
        assertThat(body.complete.ready()).isTrue();
        assertThat(body.outcome()).isNull();
        assertThat(body.trailers()).isSameAs(trailers);
    }

    @Test
    void aStalledResponseBodyFailsAtTheBetweenBytesTimeout() throws Exception {
        ResponseBody body = new ResponseBody(waker(), 100_000_000L, () -> { });
        Source source = new Source();
        body.onStart(source);
        assertThat(body.read(10)).isEmpty();
        assertThat(body.readable.readyAtNanos()).isLessThan(System.nanoTime() + 200_000_000L);
        Thread.sleep(150);
        assertThat(body.readable.ready()).isTrue();
        assertThatThrownBy(() -> body.read(10)).isInstanceOfSatisfying(HttpError.class,
                e -> assertThat(e.code.caseName()).isEqualTo("connection-read-timeout"));
        assertThat(source.cancelled).isTrue();
    }

    @Test
    void aRequestsUriIsMadeAndRefusedAsWasmtimeDoes() {
        OutgoingRequest r = new OutgoingRequest(new HttpFields());
        r.authority = "example.com";
        r.pathWithQuery = "/x?y=1";
        assertThat(HttpInterfaces.uri(r)).as("no scheme: https").hasToString("https://example.com/x?y=1");
        r.scheme = new WitVariant("HTTP", null);
        r.pathWithQuery = "";
        assertThat(HttpInterfaces.uri(r)).hasToString("http://example.com/");
        r.pathWithQuery = null;
        assertThatThrownBy(() -> HttpInterfaces.uri(r)).as("no path-with-query").isInstanceOfSatisfying(HttpError.class,
                e -> assertThat(e.code.caseName()).isEqualTo("HTTP-request-URI-invalid"));
        r.pathWithQuery = "/";
        r.authority = "example.com:99999";
        assertThatThrownBy(() -> HttpInterfaces.uri(r)).isInstanceOfSatisfying(HttpError.class,
                e -> assertThat(e.code.caseName()).isEqualTo("HTTP-request-URI-invalid"));
        r.authority = "example.com";
        r.scheme = new WitVariant("other", "ws");
        assertThatThrownBy(() -> HttpInterfaces.uri(r)).isInstanceOfSatisfying(HttpError.class,
                e -> assertThat(e.code.caseName()).isEqualTo("HTTP-protocol-error"));
        assertThatThrownBy(() -> HttpInterfaces.method(new WitVariant("connect", null)))
                .isInstanceOfSatisfying(HttpError.class, e -> assertThat(e.code.caseName()).isEqualTo("HTTP-protocol-error"));
        assertThat(HttpInterfaces.method(new WitVariant("other", "PROPFIND"))).isEqualTo("PROPFIND");
    }

    @Test
    void aGuestHasAtMostLimitExchangesAndEachReleasesOnce() {
        HttpBudget budget = new HttpBudget();
        List<Runnable> releases = new ArrayList<>();
        for (int i = 0; i < HttpBudget.LIMIT; i++) {
            assertThat(budget.tryAcquire()).isTrue();
            releases.add(budget.releaser());
        }
        assertThat(budget.tryAcquire()).isFalse();
        releases.get(0).run();
        releases.get(0).run();
        assertThat(budget.inFlight()).isEqualTo(HttpBudget.LIMIT - 1);
        assertThat(budget.tryAcquire()).isTrue();
    }
}
