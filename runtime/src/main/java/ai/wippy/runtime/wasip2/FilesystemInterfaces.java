package ai.wippy.runtime.wasip2;

import ai.wippy.runtime.WippyException;
import ai.wippy.runtime.component.host.HostImports.HostCall;
import ai.wippy.runtime.component.types.FuncType;
import ai.wippy.runtime.fs.Advice;
import ai.wippy.runtime.fs.ConfinedDirectory;
import ai.wippy.runtime.fs.DirEntry;
import ai.wippy.runtime.fs.FileStat;
import ai.wippy.runtime.fs.FileType;
import ai.wippy.runtime.fs.FsError;
import ai.wippy.runtime.fs.FsException;
import ai.wippy.runtime.fs.OpenOptions;
import ai.wippy.runtime.fs.Sandbox;
import ai.wippy.runtime.fs.TimeUpdate;
import ai.wippy.runtime.wasi.WasiMount;
import ai.wippy.runtime.wit.WitVariant;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * wasi:filesystem: {@code types} and {@code preopens}, on the same confined filesystem layer as
 * WASI preview 1 (fs.ConfinedDirectory: the kernel keeps every path beneath its mount; read-only
 * mounts refuse every change). Paths are relative to a descriptor; an absolute path, {@code ..}
 * above the mount or a link out of it fail with {@code not-permitted}.
 */
final class FilesystemInterfaces {

    /** The most one {@code read} returns (the guest asks again for more). */
    static final int MAX_READ = 1 << 20;

    private FilesystemInterfaces() {
    }

    // ------------------------------------------------------------------ preopens

    static HostCall preopens(String function, FuncType type, WasiContext cx) {
        if (!function.equals("get-directories")) {
            return null;
        }
        return args -> {
            List<Object> out = new ArrayList<>();
            Sandbox sandbox = cx.options.sandbox();
            for (WasiMount m : cx.options.mounts()) {
                cx.fsBudget().acquire();
                ConfinedDirectory d;
                try {
                    d = open(sandbox, m);
                } catch (RuntimeException e) {
                    cx.fsBudget().released();
                    throw e;
                }
                FsDescriptor desc = FsDescriptor.directory(d, true, !m.readOnly(), cx.fsBudget());
                out.add(List.of(cx.resources.own(Types.own(type.result(), "[]", "0"), desc), m.guestPath()));
            }
            return out;
        };
    }

    private static ConfinedDirectory open(Sandbox sandbox, WasiMount mount) {
        if (!Files.isDirectory(mount.hostDirectory())) {
            throw WippyException.user("wasi mount " + mount.guestPath() + ": host directory not found: "
                    + mount.hostDirectory());
        }
        try {
            return sandbox.open(mount.hostDirectory(), mount.readOnly());
        } catch (IOException e) {
            throw WippyException.internal("wasi mount " + mount.guestPath() + ": cannot open "
                    + mount.hostDirectory(), e);
        }
    }

    // ------------------------------------------------------------------ types

    static HostCall types(String function, FuncType type, WasiContext cx) {
        return switch (function) {
            case "[method]descriptor.read-via-stream" -> args -> fs(() -> {
                FsDescriptor d = file(cx, args.get(0));
                requireRead(d);
                return cx.resources.own(Types.own(type.result(), "ok"), new FileReadStream(d, Values.u64(args.get(1))));
            });
            case "[method]descriptor.write-via-stream" -> args -> fs(() -> {
                FsDescriptor d = file(cx, args.get(0));
                requireWrite(d);
                return cx.resources.own(Types.own(type.result(), "ok"),
                        new FileWriteStream(d, Values.u64(args.get(1)), false));
            });
            case "[method]descriptor.append-via-stream" -> args -> fs(() -> {
                FsDescriptor d = file(cx, args.get(0));
                requireWrite(d);
                return cx.resources.own(Types.own(type.result(), "ok"), new FileWriteStream(d, 0, true));
            });
            case "[method]descriptor.advise" -> args -> fs(() -> {
                FsDescriptor d = file(cx, args.get(0));
                d.file.advise(Values.u64(args.get(1)), Values.u64(args.get(2)), advice((String) args.get(3)));
                return null;
            });
            case "[method]descriptor.sync-data" -> args -> fs(() -> {
                sync(desc(cx, args.get(0)), false);
                return null;
            });
            case "[method]descriptor.sync" -> args -> fs(() -> {
                sync(desc(cx, args.get(0)), true);
                return null;
            });
            case "[method]descriptor.get-flags" -> args -> fs(() -> flags(desc(cx, args.get(0))));
            case "[method]descriptor.get-type" -> args -> fs(() -> {
                FsDescriptor d = desc(cx, args.get(0));
                return d.isDirectory() ? "directory" : descriptorType(d.file.stat().type());
            });
            case "[method]descriptor.set-size" -> args -> fs(() -> {
                FsDescriptor d = file(cx, args.get(0));
                requireWrite(d);
                d.file.setSize(Values.u64(args.get(1)));
                return null;
            });
            case "[method]descriptor.set-times" -> args -> fs(() -> {
                FsDescriptor d = desc(cx, args.get(0));
                TimeUpdate atime = timestamp(args.get(1));
                TimeUpdate mtime = timestamp(args.get(2));
                if (d.isDirectory()) {
                    d.directory.setTimes(atime, mtime);
                } else {
                    d.file.setTimes(atime, mtime);
                }
                return null;
            });
            case "[method]descriptor.read" -> args -> fs(() -> {
                FsDescriptor d = file(cx, args.get(0));
                requireRead(d);
                int len = Values.length(args.get(1), MAX_READ);
                byte[] buf = new byte[len];
                int n = len == 0 ? 0 : Math.max(0, d.file.read(buf, 0, len, Values.u64(args.get(2))));
                return List.of(n == len ? buf : java.util.Arrays.copyOf(buf, n), n < len);
            });
            case "[method]descriptor.write" -> args -> fs(() -> {
                FsDescriptor d = file(cx, args.get(0));
                requireWrite(d);
                byte[] bytes = Values.bytes(args.get(1));
                long at = Values.u64(args.get(2));
                long done = 0;
                while (done < bytes.length) {
                    done += d.file.write(bytes, (int) done, bytes.length - (int) done, at + done);
                }
                return done;
            });
            case "[method]descriptor.read-directory" -> args -> fs(() -> {
                FsDescriptor d = dir(cx, args.get(0));
                return cx.resources.own(Types.own(type.result(), "ok"), new EntryStream(d.directory.list()));
            });
            case "[method]directory-entry-stream.read-directory-entry" -> args -> fs(() -> {
                EntryStream s = cx.resources.get(args.get(0), EntryStream.class);
                return s.next();
            });
            case "[method]descriptor.create-directory-at" -> args -> fs(() -> {
                FsDescriptor d = mutableDir(cx, args.get(0));
                d.directory.createDirectory((String) args.get(1));
                return null;
            });
            case "[method]descriptor.stat" -> args -> fs(() -> {
                FsDescriptor d = desc(cx, args.get(0));
                return stat(d.isDirectory() ? d.directory.stat() : d.file.stat());
            });
            case "[method]descriptor.stat-at" -> args -> fs(() -> {
                FsDescriptor d = dir(cx, args.get(0));
                return stat(d.directory.stat((String) args.get(2), follow(args.get(1))));
            });
            case "[method]descriptor.set-times-at" -> args -> fs(() -> {
                FsDescriptor d = dir(cx, args.get(0));
                d.directory.setTimes((String) args.get(2), follow(args.get(1)), timestamp(args.get(3)),
                        timestamp(args.get(4)));
                return null;
            });
            case "[method]descriptor.link-at" -> args -> fs(() -> {
                FsDescriptor from = mutableDir(cx, args.get(0));
                FsDescriptor to = mutableDir(cx, args.get(3));
                from.directory.link((String) args.get(2), follow(args.get(1)), to.directory, (String) args.get(4));
                return null;
            });
            case "[method]descriptor.open-at" -> args -> fs(() -> openAt(cx, type, args));
            case "[method]descriptor.readlink-at" -> args -> fs(() -> dir(cx, args.get(0)).directory.readLink(
                    (String) args.get(1)));
            case "[method]descriptor.remove-directory-at" -> args -> fs(() -> {
                mutableDir(cx, args.get(0)).directory.removeDirectory((String) args.get(1));
                return null;
            });
            case "[method]descriptor.rename-at" -> args -> fs(() -> {
                FsDescriptor from = mutableDir(cx, args.get(0));
                FsDescriptor to = mutableDir(cx, args.get(2));
                from.directory.rename((String) args.get(1), to.directory, (String) args.get(3));
                return null;
            });
            case "[method]descriptor.symlink-at" -> args -> fs(() -> {
                mutableDir(cx, args.get(0)).directory.symlink((String) args.get(1), (String) args.get(2));
                return null;
            });
            case "[method]descriptor.unlink-file-at" -> args -> fs(() -> {
                mutableDir(cx, args.get(0)).directory.unlinkFile((String) args.get(1));
                return null;
            });
            case "[method]descriptor.is-same-object" -> args -> {
                try {
                    FileStat a = statOf(desc(cx, args.get(0)));
                    FileStat b = statOf(desc(cx, args.get(1)));
                    return a.dev() == b.dev() && a.ino() == b.ino();
                } catch (FsException e) {
                    return false;
                }
            };
            case "[method]descriptor.metadata-hash" -> args -> fs(() -> hash(statOf(desc(cx, args.get(0)))));
            case "[method]descriptor.metadata-hash-at" -> args -> fs(() -> hash(dir(cx, args.get(0)).directory
                    .stat((String) args.get(2), follow(args.get(1)))));
            case "filesystem-error-code" -> args -> cx.resources.get(args.get(0), IoError.class).filesystemCode();
            default -> null;
        };
    }

    private static Object openAt(WasiContext cx, FuncType type, List<Object> args) {
        FsDescriptor parent = dir(cx, args.get(0));
        boolean follow = follow(args.get(1));
        String path = (String) args.get(2);
        Collection<?> open = (Collection<?>) args.get(3);
        Collection<?> flags = (Collection<?>) args.get(4);
        boolean read = flags.contains("read");
        boolean write = flags.contains("write");
        boolean mutate = flags.contains("mutate-directory");
        boolean create = open.contains("create");
        boolean truncate = open.contains("truncate");
        boolean directory = open.contains("directory");
        // a descriptor's rights only shrink: what the parent may not do, the child may not either
        if ((write || create || truncate || mutate) && !parent.mutateDirectory) {
            throw new FsException(parent.directory.readOnly() ? FsError.ROFS : FsError.PERM);
        }
        if (directory && (write || truncate)) {
            throw new FsException(FsError.ISDIR);
        }
        cx.fsBudget().acquire();
        ConfinedDirectory.Opened opened;
        try {
            opened = parent.directory.open(path, new OpenOptions(read || !write, write, false, create,
                    open.contains("exclusive"), truncate, directory, follow));
        } catch (RuntimeException e) {
            cx.fsBudget().released();
            throw e;
        }
        FsDescriptor d;
        if (opened.directory() != null) {
            if (write) {
                opened.directory().close();
                cx.fsBudget().released();
                throw new FsException(FsError.ISDIR);
            }
            d = FsDescriptor.directory(opened.directory(), read, mutate && !opened.directory().readOnly(),
                    cx.fsBudget());
        } else {
            d = FsDescriptor.file(opened.file(), read || !write, write, cx.fsBudget());
        }
        return cx.resources.own(Types.own(type.result(), "ok"), d);
    }

    /** A directory's names as the guest reads them one by one. */
    static final class EntryStream {
        private final Iterator<DirEntry> entries;

        EntryStream(List<DirEntry> entries) {
            this.entries = entries.iterator();
        }

        Map<String, Object> next() {
            if (!entries.hasNext()) {
                return null;
            }
            DirEntry e = entries.next();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("type", descriptorType(e.type()));
            out.put("name", e.name());
            return out;
        }
    }

    // ------------------------------------------------------------------ helpers

    /** Runs a filesystem call whose WIT result is {@code result<T, error-code>}. */
    private static Object fs(Supplier<Object> body) {
        try {
            return Values.ok(body.get());
        } catch (FsException e) {
            return Values.err(errorCode(e.error()));
        }
    }

    private static FsDescriptor desc(WasiContext cx, Object handle) {
        return cx.resources.get(handle, FsDescriptor.class);
    }

    private static FsDescriptor file(WasiContext cx, Object handle) {
        FsDescriptor d = desc(cx, handle);
        if (d.isDirectory()) {
            throw new FsException(FsError.ISDIR);
        }
        return d;
    }

    private static FsDescriptor dir(WasiContext cx, Object handle) {
        FsDescriptor d = desc(cx, handle);
        if (!d.isDirectory()) {
            throw new FsException(FsError.NOTDIR);
        }
        return d;
    }

    private static FsDescriptor mutableDir(WasiContext cx, Object handle) {
        FsDescriptor d = dir(cx, handle);
        if (!d.mutateDirectory) {
            throw new FsException(d.directory.readOnly() ? FsError.ROFS : FsError.PERM);
        }
        return d;
    }

    private static void requireRead(FsDescriptor d) {
        if (!d.read) {
            throw new FsException(FsError.BADF);
        }
    }

    private static void requireWrite(FsDescriptor d) {
        if (!d.write) {
            throw new FsException(d.file.readOnly() ? FsError.ROFS : FsError.BADF);
        }
    }

    private static void sync(FsDescriptor d, boolean metadata) {
        if (!d.isDirectory()) {
            d.file.sync(metadata);
        }
    }

    private static FileStat statOf(FsDescriptor d) {
        return d.isDirectory() ? d.directory.stat() : d.file.stat();
    }

    private static boolean follow(Object pathFlags) {
        return ((Collection<?>) pathFlags).contains("symlink-follow");
    }

    private static Set<String> flags(FsDescriptor d) {
        Set<String> out = new LinkedHashSet<>();
        if (d.read) {
            out.add("read");
        }
        if (d.write) {
            out.add("write");
        }
        if (d.mutateDirectory) {
            out.add("mutate-directory");
        }
        return out;
    }

    private static Advice advice(String name) {
        return switch (name) {
            case "sequential" -> Advice.SEQUENTIAL;
            case "random" -> Advice.RANDOM;
            case "will-need" -> Advice.WILL_NEED;
            case "dont-need" -> Advice.DONT_NEED;
            case "no-reuse" -> Advice.NO_REUSE;
            default -> Advice.NORMAL;
        };
    }

    /** new-timestamp: {@code no-change}, {@code now} or {@code timestamp(datetime)}. */
    @SuppressWarnings("unchecked")
    private static TimeUpdate timestamp(Object v) {
        WitVariant w = (WitVariant) v;
        return switch (w.caseName()) {
            case "now" -> TimeUpdate.NOW;
            case "timestamp" -> {
                Map<String, Object> d = (Map<String, Object>) w.value();
                long seconds = Values.u64(d.get("seconds"));
                long nanos = Values.u64(d.get("nanoseconds"));
                if (seconds > Long.MAX_VALUE / 1_000_000_000L - 1) {
                    throw new FsException(FsError.OVERFLOW);
                }
                yield TimeUpdate.at(seconds * 1_000_000_000L + nanos);
            }
            default -> TimeUpdate.KEEP;
        };
    }

    private static Map<String, Object> stat(FileStat s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", descriptorType(s.type()));
        out.put("link-count", s.nlink());
        out.put("size", s.size());
        out.put("data-access-timestamp", datetime(s.atimeNanos()));
        out.put("data-modification-timestamp", datetime(s.mtimeNanos()));
        out.put("status-change-timestamp", datetime(s.ctimeNanos()));
        return out;
    }

    private static Map<String, Object> datetime(long nanos) {
        Map<String, Object> d = new LinkedHashMap<>();
        long n = Math.max(0, nanos);
        d.put("seconds", n / 1_000_000_000L);
        d.put("nanoseconds", n % 1_000_000_000L);
        return d;
    }

    private static Map<String, Object> hash(FileStat s) {
        // stable per object for the life of the process, different for different objects (types.wit)
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("lower", Values.u64Result(s.ino()));
        out.put("upper", Values.u64Result(s.dev()));
        return out;
    }

    static String descriptorType(FileType t) {
        return switch (t) {
            case REGULAR_FILE -> "regular-file";
            case DIRECTORY -> "directory";
            case SYMBOLIC_LINK -> "symbolic-link";
            case CHARACTER_DEVICE -> "character-device";
            case BLOCK_DEVICE -> "block-device";
            case FIFO -> "fifo";
            case SOCKET -> "socket";
            case UNKNOWN -> "unknown";
        };
    }

    /** wasi:filesystem's error-code for an error of the confined layer. */
    static String errorCode(FsError e) {
        return switch (e) {
            case PERM -> "not-permitted";
            case NOENT -> "no-entry";
            case INTR -> "interrupted";
            case NXIO -> "no-such-device";
            case BADF -> "bad-descriptor";
            case AGAIN -> "would-block";
            case NOMEM -> "insufficient-memory";
            case ACCES -> "access";
            case BUSY -> "busy";
            case EXIST -> "exist";
            case XDEV -> "cross-device";
            case NODEV -> "no-device";
            case NOTDIR -> "not-directory";
            case ISDIR -> "is-directory";
            case INVAL, FAULT -> "invalid";
            // WASI 0.2 has no "too many open files": the closest the adapter maps back is EDQUOT
            case NFILE, MFILE, DQUOT -> "quota";
            case NOTTY -> "no-tty";
            case TXTBSY -> "text-file-busy";
            case FBIG -> "file-too-large";
            case NOSPC -> "insufficient-space";
            case SPIPE -> "invalid-seek";
            case ROFS -> "read-only";
            case MLINK -> "too-many-links";
            case PIPE -> "pipe";
            case NAMETOOLONG -> "name-too-long";
            case NOLCK -> "no-lock";
            case NOSYS, NOTSUP -> "unsupported";
            case NOTEMPTY -> "not-empty";
            case LOOP -> "loop";
            case OVERFLOW -> "overflow";
            case ILSEQ -> "illegal-byte-sequence";
            case IO, STALE -> "io";
        };
    }
}
