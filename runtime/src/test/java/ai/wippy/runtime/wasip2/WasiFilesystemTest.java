package ai.wippy.runtime.wasip2;

import static org.assertj.core.api.Assertions.assertThat;

import ai.wippy.runtime.component.host.HostImports.HostCall;
import ai.wippy.runtime.component.types.FuncType;
import ai.wippy.runtime.fs.DescriptorBudget;
import ai.wippy.runtime.fs.Sandbox;
import ai.wippy.runtime.wasi.WasiMount;
import ai.wippy.runtime.wasi.WasiOptions;
import ai.wippy.runtime.wit.ResourceHandle;
import ai.wippy.runtime.wit.ResourceType;
import ai.wippy.runtime.wit.WitResult;
import ai.wippy.runtime.wit.WitType;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * wasi:filesystem as a guest calls it (the host functions with the guest's typed values): files and
 * directories in a mount, nothing outside it, read-only mounts, rights that only shrink, streams over
 * files, and a guest's share of the host's descriptors.
 */
class WasiFilesystemTest {

    private static final String TYPES = "wasi:filesystem/types@0.2.3";
    private static final ResourceType DESCRIPTOR = new ResourceType("descriptor");
    private static final ResourceType INPUT = new ResourceType("input-stream");
    private static final ResourceType OUTPUT = new ResourceType("output-stream");
    private static final ResourceType STREAM = new ResourceType("directory-entry-stream");
    private static final WitType ERROR_CODE = new WitType.EnumType(List.of("access", "not-permitted", "read-only",
            "no-entry", "exist", "quota", "is-directory", "not-directory", "bad-descriptor"));

    @TempDir
    Path tmp;
    private Path data;
    private Path ro;
    private WasiHost host;
    private ResourceHandle dataDir;
    private ResourceHandle roDir;

    @BeforeEach
    void setUp() throws Exception {
        data = Files.createDirectory(tmp.resolve("data"));
        ro = Files.createDirectory(tmp.resolve("ro"));
        Files.writeString(ro.resolve("in.txt"), "read me");
        Path outside = Files.createDirectory(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "SECRET");
        Files.createSymbolicLink(data.resolve("out"), outside);
        start(DescriptorBudget.forLimit(4096));
    }

    private void start(DescriptorBudget budget) {
        if (host != null) {
            host.close();
        }
        WasiOptions options = WasiOptions.builder().stdout(OutputStream.nullOutputStream())
                .stderr(OutputStream.nullOutputStream()).sandbox(Sandbox.of("openat2", budget))
                .mounts(List.of(new WasiMount("/data", data, false), new WasiMount("/ro", ro, true))).build();
        host = new WasiHost(options, Set.of("wasi:filesystem", "wasi:io"));
        List<?> dirs = (List<?>) call("wasi:filesystem/preopens@0.2.3", "get-directories",
                new WitType.ListType(new WitType.TupleType(List.of(new WitType.Own(DESCRIPTOR), WitType.STRING))));
        assertThat(dirs.stream().map(d -> (Object) ((List<?>) d).get(1)).toList()).containsExactly("/data", "/ro");
        dataDir = (ResourceHandle) ((List<?>) dirs.get(0)).get(0);
        roDir = (ResourceHandle) ((List<?>) dirs.get(1)).get(0);
    }

    @AfterEach
    void tearDown() {
        host.close();
    }

    private Object call(String iface, String function, WitType result, Object... args) {
        HostCall c = host.resolve(iface, List.of(function), new FuncType(List.of(), result));
        assertThat(c).as(iface + "#" + function).isNotNull();
        return c.call(new ArrayList<>(List.of(args)));
    }

    private static WitType result(WitType ok) {
        return new WitType.ResultType(ok, ERROR_CODE);
    }

    /** The ok value, or the error-code's name prefixed with "error: ". */
    private static Object value(Object result) {
        WitResult r = (WitResult) result;
        return r.isOk() ? r.value() : "error: " + r.value();
    }

    private Object openAt(ResourceHandle dir, String path, Set<String> open, Set<String> flags) {
        return value(call(TYPES, "[method]descriptor.open-at", result(new WitType.Own(DESCRIPTOR)), dir,
                Set.of("symlink-follow"), path, open, flags));
    }

    private Object write(ResourceHandle file, String text, long offset) {
        return value(call(TYPES, "[method]descriptor.write", result(WitType.U64), file,
                text.getBytes(StandardCharsets.UTF_8), offset));
    }

    private String read(ResourceHandle file, long length, long offset) {
        List<?> got = (List<?>) value(call(TYPES, "[method]descriptor.read",
                result(new WitType.TupleType(List.of(new WitType.ListType(WitType.U8), WitType.BOOL))), file, length,
                offset));
        return new String((byte[]) got.get(0), StandardCharsets.UTF_8);
    }

    @Test
    void filesAreCreatedWrittenReadListedAndStated() throws Exception {
        ResourceHandle f = (ResourceHandle) openAt(dataDir, "notes.txt", Set.of("create"), Set.of("read", "write"));
        assertThat(write(f, "hello, wasi", 0)).isEqualTo(11L);
        assertThat(read(f, 5, 7)).isEqualTo("wasi");
        assertThat(Files.readString(data.resolve("notes.txt"))).isEqualTo("hello, wasi");
        @SuppressWarnings("unchecked")
        Map<String, Object> stat = (Map<String, Object>) value(call(TYPES, "[method]descriptor.stat",
                result(WitType.U64), f));
        assertThat(stat).containsEntry("type", "regular-file").containsEntry("size", 11L);
        assertThat(value(call(TYPES, "[method]descriptor.create-directory-at", result(null), dataDir, "sub"))).isNull();
        ResourceHandle entries = (ResourceHandle) value(call(TYPES, "[method]descriptor.read-directory",
                result(new WitType.Own(STREAM)), dataDir));
        List<Object> names = new ArrayList<>();
        while (true) {
            @SuppressWarnings("unchecked")
            Map<String, Object> e = (Map<String, Object>) value(call(TYPES,
                    "[method]directory-entry-stream.read-directory-entry", result(WitType.U64), entries));
            if (e == null) {
                break;
            }
            names.add(e.get("name") + ":" + e.get("type"));
        }
        assertThat(names).containsExactly("notes.txt:regular-file", "out:symbolic-link", "sub:directory");
    }

    @Test
    void nothingOutsideTheMountIsReached() throws Exception {
        Files.createDirectory(data.resolve("inner"));
        for (String path : List.of("../outside/secret.txt", "/etc/passwd", "out/secret.txt", "inner/../../outside")) {
            assertThat(openAt(dataDir, path, Set.of(), Set.of("read"))).as(path).isEqualTo("error: not-permitted");
        }
        assertThat(openAt(dataDir, "../outside/new.txt", Set.of("create"), Set.of("write")))
                .isEqualTo("error: not-permitted");
        assertThat(value(call(TYPES, "[method]descriptor.symlink-at", result(null), dataDir, "../outside", "esc")))
                .isEqualTo("error: not-permitted");
        assertThat(Files.exists(tmp.resolve("outside/new.txt"))).isFalse();
    }

    @Test
    void aReadOnlyMountIsReadButNeverChanged() {
        ResourceHandle in = (ResourceHandle) openAt(roDir, "in.txt", Set.of(), Set.of("read"));
        assertThat(read(in, 100, 0)).isEqualTo("read me");
        assertThat(openAt(roDir, "in.txt", Set.of(), Set.of("read", "write"))).isEqualTo("error: read-only");
        assertThat(openAt(roDir, "new.txt", Set.of("create"), Set.of("write"))).isEqualTo("error: read-only");
        assertThat(value(call(TYPES, "[method]descriptor.create-directory-at", result(null), roDir, "d")))
                .isEqualTo("error: read-only");
        assertThat(value(call(TYPES, "[method]descriptor.unlink-file-at", result(null), roDir, "in.txt")))
                .isEqualTo("error: read-only");
        assertThat(ro.resolve("in.txt")).hasContent("read me");
    }

    @Test
    void rightsOnlyShrink() throws Exception {
        Files.createDirectory(data.resolve("d"));
        ResourceHandle readOnlyView = (ResourceHandle) openAt(dataDir, "d", Set.of("directory"), Set.of("read"));
        assertThat(value(call(TYPES, "[method]descriptor.create-directory-at", result(null), readOnlyView, "x")))
                .isEqualTo("error: not-permitted");
        assertThat(openAt(readOnlyView, "f", Set.of("create"), Set.of("write"))).isEqualTo("error: not-permitted");
        ResourceHandle f = (ResourceHandle) openAt(dataDir, "f.txt", Set.of("create"), Set.of("read"));
        assertThat(write(f, "x", 0)).as("opened without write").isEqualTo("error: bad-descriptor");
    }

    @Test
    void streamsReadAndWriteFiles() {
        ResourceHandle f = (ResourceHandle) openAt(dataDir, "s.txt", Set.of("create"), Set.of("read", "write"));
        ResourceHandle out = (ResourceHandle) value(call(TYPES, "[method]descriptor.write-via-stream",
                result(new WitType.Own(OUTPUT)), f, 0L));
        String io = "wasi:io/streams@0.2.3";
        WitType streamResult = new WitType.ResultType(WitType.U64, new WitType.VariantType(List.of(
                new WitType.Case("last-operation-failed", new WitType.Own(new ResourceType("error"))),
                new WitType.Case("closed", null))));
        assertThat(((WitResult) call(io, "[method]output-stream.check-write", streamResult, out)).value())
                .isEqualTo((long) SinkStream.PERMIT);
        assertThat(((WitResult) call(io, "[method]output-stream.write", streamResult, out,
                "streamed".getBytes(StandardCharsets.UTF_8))).isOk()).isTrue();
        ResourceHandle in = (ResourceHandle) value(call(TYPES, "[method]descriptor.read-via-stream",
                result(new WitType.Own(INPUT)), f, 2L));
        WitResult got = (WitResult) call(io, "[method]input-stream.read", streamResult, in, 100L);
        assertThat(new String((byte[]) got.value(), StandardCharsets.UTF_8)).isEqualTo("reamed");
        WitResult end = (WitResult) call(io, "[method]input-stream.read", streamResult, in, 100L);
        assertThat(end.isOk()).isFalse();
        assertThat(end.value()).hasToString("WitVariant[caseName=closed, value=null]");
    }

    @Test
    void aGuestHoldsAtMostItsShareOfDescriptors() {
        start(DescriptorBudget.forLimit(256 + 4 * 32)); // a share of 32 descriptors
        Object last = null;
        int opened = 0;
        for (int i = 0; i < 100 && !(last instanceof String); i++) {
            last = openAt(dataDir, "f" + i, Set.of("create"), Set.of("write"));
            opened += last instanceof ResourceHandle ? 1 : 0;
        }
        assertThat(last).isEqualTo("error: quota");
        assertThat(opened).as("the two preopens count too").isEqualTo(30);
    }
}
