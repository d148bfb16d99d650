package ai.wippy.runtime.wasip2;

import ai.wippy.runtime.wit.WitVariant;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A wasi:http/types {@code outgoing-request} before it is sent: method (default GET), scheme,
 * authority and path-with-query (default none), its headers (the fields given to the constructor,
 * immutable from then on: the WIT's {@code headers} method gives an immutable child, as wasmtime's
 * does) and its body (an {@link OutgoingBody}, given out
 * once). The setters refuse what is not syntactically a method, scheme, authority or path (RFC 9110,
 * RFC 3986) with {@code err}, so nothing that could split a request line or a field reaches the
 * wire; what the host does not send is {@code handle}'s to refuse.
 */
final class OutgoingRequest {

    final HttpFields headers;
    WitVariant method = new WitVariant("get", null);
    WitVariant scheme;
    String authority;
    String pathWithQuery;
    private OutgoingBody body;
    private boolean bodyTaken;

    OutgoingRequest(HttpFields headers) {
        this.headers = headers;
        headers.makeImmutable(); // the guest gave its handle up: nobody may change them now
    }

    /** outgoing-request.body: the body, once; null after. */
    OutgoingBody body(Waker waker) {
        if (bodyTaken) {
            return null;
        }
        bodyTaken = true;
        long declared;
        try {
            declared = declaredLength();
        } catch (HttpError e) {
            declared = -1; // handle refuses it
        }
        body = new OutgoingBody(new RequestBody(waker, declared));
        return body;
    }

    /** The body the guest took, or null when it never asked for one (nothing is sent). */
    OutgoingBody takenBody() {
        return body;
    }

    /** The content-length header's value; -1 when there is none; a malformed one is refused at handle. */
    long declaredLength() {
        List<byte[]> v = headers.get("content-length");
        if (v.isEmpty()) {
            return -1;
        }
        String s = new String(v.get(0), StandardCharsets.ISO_8859_1).trim();
        for (byte[] other : v) {
            if (!new String(other, StandardCharsets.ISO_8859_1).trim().equals(s)) {
                throw new HttpError("HTTP-protocol-error");
            }
        }
        try {
            long n = Long.parseLong(s);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new HttpError("HTTP-protocol-error");
        }
    }

    static boolean validMethod(WitVariant m) {
        return !m.caseName().equals("other") || HttpFields.isToken((String) m.value());
    }

    static boolean validScheme(WitVariant s) {
        if (s == null || !s.caseName().equals("other")) {
            return true;
        }
        String v = (String) s.value();
        if (v.isEmpty() || !Character.isLetter(v.charAt(0)) || v.charAt(0) > 0x7f) {
            return false;
        }
        for (char c : v.toCharArray()) {
            if (!(c < 0x80 && (Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.'))) {
                return false;
            }
        }
        return true;
    }

    /** RFC 3986 authority: [userinfo@]host[:port], no delimiter of path, query or fragment. */
    static boolean validAuthority(String a) {
        if (a == null) {
            return true;
        }
        for (char c : a.toCharArray()) {
            if (c <= 0x20 || c >= 0x7f || "/?#\\\"<>^`{|}".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** RFC 3986 path and query: visible ASCII, no fragment. */
    static boolean validPathWithQuery(String p) {
        if (p == null) {
            return true;
        }
        for (char c : p.toCharArray()) {
            if (c <= 0x20 || c >= 0x7f || c == '#') {
                return false;
            }
        }
        return true;
    }
}
