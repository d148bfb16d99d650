package ai.wippy.runtime.wasip2;

import ai.wippy.runtime.component.host.HostImports.HostCall;
import ai.wippy.runtime.component.types.FuncType;
import ai.wippy.runtime.wit.WitVariant;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * wasi:http 0.2: {@code types} and {@code outgoing-handler} (a guest's outgoing requests), each an
 * HTTP/1.1 {@link Http1Exchange} on a connection of its own. Bodies stream both ways through bounded
 * queues ({@link RequestBody}, {@link ResponseBody}), trailers included; a guest waiting for a
 * response or for body bytes parks on its pollables until the exchange's thread wakes it. The server
 * side ({@code incoming-handler}, incoming-request, response-outparam, outgoing-response) is not
 * served: a component that calls it traps.
 *
 * <p>Bounds: {@link HttpBudget#LIMIT} exchanges under way per guest, a request header section of at
 * most {@link #MAX_HEADER_SECTION} bytes, {@link HttpFields#MAX_BYTES} per fields,
 * {@link Http1Exchange#MAX_HEAD_BYTES} of response header (and trailer) section.
 */
final class HttpInterfaces {

    /** A request's headers, names and values, at most (else HTTP-request-header-section-size). */
    static final int MAX_HEADER_SECTION = 64 * 1024;

    private HttpInterfaces() {
    }

    // ------------------------------------------------------------------ types

    @SuppressWarnings("unchecked")
    static HostCall types(String function, FuncType type, WasiContext cx) {
        return switch (function) {
            case "[constructor]fields" -> args -> cx.resources.own(Types.own(type.result()), new HttpFields());
            case "[static]fields.from-list" -> args -> header(() -> {
                List<HttpFields.Field> entries = new ArrayList<>();
                for (Object o : (List<Object>) args.get(0)) {
                    List<Object> pair = (List<Object>) o;
                    entries.add(new HttpFields.Field((String) pair.get(0), Values.bytes(pair.get(1))));
                }
                return cx.resources.own(Types.own(type.result(), "ok"), HttpFields.fromList(entries));
            });
            case "[method]fields.get" -> args -> new ArrayList<Object>(fields(cx, args).get((String) args.get(1)));
            case "[method]fields.has" -> args -> fields(cx, args).has((String) args.get(1));
            case "[method]fields.set" -> args -> header(() -> {
                List<byte[]> values = new ArrayList<>();
                for (Object v : (List<Object>) args.get(2)) {
                    values.add(Values.bytes(v));
                }
                fields(cx, args).set((String) args.get(1), values);
                return null;
            });
            case "[method]fields.delete" -> args -> header(() -> {
                fields(cx, args).delete((String) args.get(1));
                return null;
            });
            case "[method]fields.append" -> args -> header(() -> {
                fields(cx, args).append((String) args.get(1), Values.bytes(args.get(2)));
                return null;
            });
            case "[method]fields.entries" -> args -> {
                List<Object> out = new ArrayList<>();
                for (HttpFields.Field f : fields(cx, args).entries()) {
                    out.add(List.of(f.name(), f.value()));
                }
                return out;
            };
            case "[method]fields.clone" -> args -> cx.resources.own(Types.own(type.result()), fields(cx, args).copy());

            case "[constructor]outgoing-request" -> args -> cx.resources.own(Types.own(type.result()),
                    new OutgoingRequest(cx.resources.take(args.get(0), HttpFields.class)));
            case "[method]outgoing-request.body" -> args -> {
                OutgoingBody b = request(cx, args).body(cx.waker);
                return b == null ? Values.err(null) : Values.ok(cx.resources.own(Types.own(type.result(), "ok"), b));
            };
            case "[method]outgoing-request.method" -> args -> request(cx, args).method;
            case "[method]outgoing-request.set-method" -> args -> {
                WitVariant m = (WitVariant) args.get(1);
                if (!OutgoingRequest.validMethod(m)) {
                    return Values.err(null);
                }
                request(cx, args).method = m;
                return Values.ok(null);
            };
            case "[method]outgoing-request.path-with-query" -> args -> request(cx, args).pathWithQuery;
            case "[method]outgoing-request.set-path-with-query" -> args -> {
                String p = (String) args.get(1);
                if (!OutgoingRequest.validPathWithQuery(p)) {
                    return Values.err(null);
                }
                request(cx, args).pathWithQuery = p;
                return Values.ok(null);
            };
            case "[method]outgoing-request.scheme" -> args -> request(cx, args).scheme;
            case "[method]outgoing-request.set-scheme" -> args -> {
                WitVariant s = (WitVariant) args.get(1);
                if (!OutgoingRequest.validScheme(s)) {
                    return Values.err(null);
                }
                request(cx, args).scheme = s;
                return Values.ok(null);
            };
            case "[method]outgoing-request.authority" -> args -> request(cx, args).authority;
            case "[method]outgoing-request.set-authority" -> args -> {
                String a = (String) args.get(1);
                if (!OutgoingRequest.validAuthority(a)) {
                    return Values.err(null);
                }
                request(cx, args).authority = a;
                return Values.ok(null);
            };
            // the request's own fields, immutable (the WIT: an immutable child of the request)
            case "[method]outgoing-request.headers" -> args -> cx.resources.own(Types.own(type.result()),
                    request(cx, args).headers);

            case "[constructor]request-options" -> args -> cx.resources.own(Types.own(type.result()), new RequestOptions());
            case "[method]request-options.connect-timeout" -> args -> options(cx, args).connectTimeout;
            case "[method]request-options.set-connect-timeout" -> args -> {
                options(cx, args).connectTimeout = duration(args.get(1));
                return Values.ok(null);
            };
            case "[method]request-options.first-byte-timeout" -> args -> options(cx, args).firstByteTimeout;
            case "[method]request-options.set-first-byte-timeout" -> args -> {
                options(cx, args).firstByteTimeout = duration(args.get(1));
                return Values.ok(null);
            };
            case "[method]request-options.between-bytes-timeout" -> args -> options(cx, args).betweenBytesTimeout;
            case "[method]request-options.set-between-bytes-timeout" -> args -> {
                options(cx, args).betweenBytesTimeout = duration(args.get(1));
                return Values.ok(null);
            };

            case "[method]outgoing-body.write" -> args -> {
                RequestBodyStream s = cx.resources.get(args.get(0), OutgoingBody.class).stream();
                return s == null ? Values.err(null) : Values.ok(cx.resources.own(Types.own(type.result(), "ok"), s));
            };
            case "[static]outgoing-body.finish" -> args -> http(() -> {
                OutgoingBody body = cx.resources.take(args.get(0), OutgoingBody.class);
                HttpFields trailers = args.get(1) == null ? null : cx.resources.take(args.get(1), HttpFields.class);
                body.finish(trailers);
                return null;
            });

            case "[method]future-incoming-response.subscribe" -> args -> cx.resources.own(Types.own(type.result()),
                    cx.resources.get(args.get(0), FutureIncomingResponse.class).ready);
            case "[method]future-incoming-response.get" -> args -> {
                FutureIncomingResponse f = cx.resources.get(args.get(0), FutureIncomingResponse.class);
                if (f.taken()) {
                    return Values.err(null);
                }
                FutureIncomingResponse.Outcome o = f.take();
                if (o == null) {
                    return null;
                }
                if (o.error() != null) {
                    return Values.ok(Values.err(o.error().code));
                }
                return Values.ok(Values.ok(cx.resources.own(Types.own(type.result(), "[]", "ok", "ok"), o.response())));
            };

            case "[method]incoming-response.status" -> args -> cx.resources.get(args.get(0), IncomingResponse.class).status;
            case "[method]incoming-response.headers" -> args -> cx.resources.own(Types.own(type.result()),
                    cx.resources.get(args.get(0), IncomingResponse.class).headers);
            case "[method]incoming-response.consume" -> args -> {
                IncomingBody b = cx.resources.get(args.get(0), IncomingResponse.class).consume();
                return b == null ? Values.err(null) : Values.ok(cx.resources.own(Types.own(type.result(), "ok"), b));
            };

            case "[method]incoming-body.stream" -> args -> {
                ResponseBodyStream s = cx.resources.get(args.get(0), IncomingBody.class).stream();
                return s == null ? Values.err(null) : Values.ok(cx.resources.own(Types.own(type.result(), "ok"), s));
            };
            case "[static]incoming-body.finish" -> args -> cx.resources.own(Types.own(type.result()),
                    cx.resources.take(args.get(0), IncomingBody.class).finish());

            case "[method]future-trailers.subscribe" -> args -> cx.resources.own(Types.own(type.result()),
                    cx.resources.get(args.get(0), FutureTrailers.class).pollable());
            case "[method]future-trailers.get" -> args -> {
                FutureTrailers f = cx.resources.get(args.get(0), FutureTrailers.class);
                if (f.taken()) {
                    return Values.err(null);
                }
                if (!f.ready()) {
                    return null;
                }
                FutureTrailers.Outcome o = f.take();
                if (o.error() != null) {
                    return Values.ok(Values.err(o.error().code));
                }
                return Values.ok(Values.ok(o.trailers() == null ? null
                        : cx.resources.own(Types.own(type.result(), "[]", "ok", "ok", "[]"), o.trailers())));
            };

            case "http-error-code" -> args -> cx.resources.get(args.get(0), IoError.class).httpCode();
            default -> null;
        };
    }

    private static HttpFields fields(WasiContext cx, List<Object> args) {
        return cx.resources.get(args.get(0), HttpFields.class);
    }

    private static OutgoingRequest request(WasiContext cx, List<Object> args) {
        return cx.resources.get(args.get(0), OutgoingRequest.class);
    }

    private static RequestOptions options(WasiContext cx, List<Object> args) {
        return cx.resources.get(args.get(0), RequestOptions.class);
    }

    private static Long duration(Object o) {
        return o == null ? null : Values.u64(o);
    }

    // ------------------------------------------------------------------ outgoing-handler

    static HostCall outgoingHandler(String function, FuncType type, WasiContext cx) {
        if (function.equals("handle")) {
            return args -> http(() -> {
                OutgoingRequest request = cx.resources.take(args.get(0), OutgoingRequest.class);
                RequestOptions options = args.get(1) == null ? new RequestOptions()
                        : cx.resources.take(args.get(1), RequestOptions.class);
                return cx.resources.own(Types.own(type.result(), "ok"), send(cx, request, options));
            });
        }
        return null;
    }

    /** handle: the request goes out on an {@link Http1Exchange} of its own. */
    private static FutureIncomingResponse send(WasiContext cx, OutgoingRequest request, RequestOptions options) {
        OutgoingBody body = request.takenBody();
        try {
            URI uri = uri(request);
            if (request.headers.size() > MAX_HEADER_SECTION) {
                throw new HttpError(new WitVariant("HTTP-request-header-section-size", (long) request.headers.size()));
            }
            long declared = request.declaredLength();
            if (body != null) {
                body.body.declare(declared);
            } else if (declared > 0) {
                throw HttpError.requestBodySize(0);
            }
            boolean https = uri.getScheme().equals("https");
            int port = uri.getPort() >= 0 ? uri.getPort() : https ? 443 : 80;
            String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            Http1Exchange.Request r = new Http1Exchange.Request(method(request.method), https, uri.getHost(), port,
                    request.authority, target, request.headers.entries(), body == null ? null : body.body,
                    nanos(options.connectTimeout), nanos(options.firstByteTimeout), nanos(options.betweenBytesTimeout));
            if (!cx.httpBudget.tryAcquire()) {
                throw new HttpError("connection-limit-reached");
            }
            Runnable release = cx.httpBudget.releaser();
            try {
                return new FutureIncomingResponse(Http1Exchange.start(r), cx.waker,
                        nanos(options.betweenBytesTimeout), release, body);
            } catch (RuntimeException e) {
                release.run();
                throw e;
            }
        } catch (HttpError e) {
            if (body != null) {
                body.body.abort(e);
            }
            throw e;
        }
    }

    /** A timeout of request-options in nanoseconds, 0 for none (an explicit 0 becomes the shortest one). */
    private static long nanos(Long timeout) {
        return timeout == null ? 0 : Math.max(1, timeout);
    }

    /**
     * The request's URI, refused as wasmtime's host refuses it: no scheme means {@code https} (the
     * host's choice, and wasmtime's), another scheme than HTTP(S) is {@code HTTP-protocol-error}, no
     * authority, no path-with-query, user info or a port beyond 65535 is {@code HTTP-request-URI-invalid}.
     */
    static URI uri(OutgoingRequest r) {
        String scheme;
        if (r.scheme == null || r.scheme.caseName().equals("HTTPS")) {
            scheme = "https";
        } else if (r.scheme.caseName().equals("HTTP")) {
            scheme = "http";
        } else {
            String other = ((String) r.scheme.value()).toLowerCase(Locale.ROOT);
            if (!other.equals("http") && !other.equals("https")) {
                throw new HttpError("HTTP-protocol-error"); // the host speaks HTTP and HTTPS only
            }
            scheme = other;
        }
        if (r.authority == null || r.authority.isEmpty() || r.pathWithQuery == null) {
            throw new HttpError("HTTP-request-URI-invalid");
        }
        String path = r.pathWithQuery.isEmpty() ? "/" : r.pathWithQuery;
        if (!path.startsWith("/")) {
            path = "/" + path;
        }
        try {
            URI u = new URI(scheme + "://" + r.authority + path);
            if (u.getHost() == null || u.getRawUserInfo() != null || u.getPort() > 65535) {
                throw new HttpError("HTTP-request-URI-invalid");
            }
            return u;
        } catch (java.net.URISyntaxException e) {
            throw new HttpError("HTTP-request-URI-invalid");
        }
    }

    static String method(WitVariant m) {
        return switch (m.caseName()) {
            // no tunnels for guests; wasmtime's hyper refuses a CONNECT to a path the same way
            case "connect" -> throw new HttpError("HTTP-protocol-error");
            case "other" -> (String) m.value();
            default -> m.caseName().toUpperCase(Locale.ROOT);
        };
    }

    // ------------------------------------------------------------------ results

    /** Runs a call whose WIT result is {@code result<T, header-error>}. */
    private static Object header(Supplier<Object> body) {
        try {
            return Values.ok(body.get());
        } catch (HttpFields.HeaderError e) {
            return Values.err(new WitVariant(e.code, null));
        }
    }

    /** Runs a call whose WIT result is {@code result<T, error-code>}. */
    private static Object http(Supplier<Object> body) {
        try {
            return Values.ok(body.get());
        } catch (HttpError e) {
            return Values.err(e.code);
        }
    }
}
