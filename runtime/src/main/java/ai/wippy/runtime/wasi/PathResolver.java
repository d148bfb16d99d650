package ai.wippy.runtime.wasi;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Resolves guest paths component by component without letting the host follow any link: every
 * symbolic link is read and resolved here, in the guest's namespace, relative to the directory
 * holding it. Absolute paths, absolute link targets and {@code ..} above the descriptor's floor
 * are refused with EPERM (as wasmtime/cap-std do), so nothing resolves outside the tree.
 */
final class PathResolver {

    /** Links followed in one resolution before giving up with ELOOP (Linux uses 40). */
    static final int MAX_LINKS = 40;

    private PathResolver() {
    }

    static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new WasiError(Errno.ILSEQ);
        }
    }

    /**
     * @param dir the directory the path is relative to
     * @param followLast whether a link in the last component is followed (lookupflags SYMLINK_FOLLOW)
     */
    static ResolvedPath resolve(DirectoryDescriptor dir, String path, boolean followLast) {
        if (path.isEmpty()) {
            throw new WasiError(Errno.NOENT);
        }
        if (path.indexOf('\0') >= 0) {
            throw new WasiError(Errno.INVAL);
        }
        if (path.startsWith("/")) {
            throw new WasiError(Errno.PERM);
        }
        ConfinedTree tree = dir.tree();
        List<String> names = new ArrayList<>(verifiedBase(dir));
        boolean trailingSlash = path.endsWith("/");
        Deque<String> pending = new ArrayDeque<>(split(path));
        int links = 0;
        boolean named = false;
        while (!pending.isEmpty()) {
            String name = pending.pollFirst();
            boolean last = pending.isEmpty();
            if (name.equals(".")) {
                named = false;
                continue;
            }
            if (name.equals("..")) {
                if (names.size() <= dir.floor()) {
                    throw new WasiError(Errno.PERM);
                }
                names.remove(names.size() - 1);
                named = false;
                continue;
            }
            if (!last || followLast || trailingSlash) {
                Path host = tree.hostPath(names).resolve(name);
                BasicFileAttributes attrs = lstatOrNull(host);
                if (attrs == null) {
                    if (!last) {
                        throw new WasiError(Errno.NOENT);
                    }
                } else if (attrs.isSymbolicLink()) {
                    if (++links > MAX_LINKS) {
                        throw new WasiError(Errno.LOOP);
                    }
                    String target = readLink(host);
                    if (target.isEmpty()) {
                        throw new WasiError(Errno.NOENT);
                    }
                    if (target.startsWith("/")) {
                        throw new WasiError(Errno.PERM);
                    }
                    List<String> targetNames = split(target);
                    for (int i = targetNames.size() - 1; i >= 0; i--) {
                        pending.addFirst(targetNames.get(i));
                    }
                    if (pending.isEmpty()) {
                        pending.add(".");
                    }
                    continue;
                } else if (!last && !attrs.isDirectory()) {
                    throw new WasiError(Errno.NOTDIR);
                }
            }
            names.add(name);
            named = true;
        }
        ResolvedPath resolved = new ResolvedPath(tree, List.copyOf(names), named, trailingSlash);
        if (trailingSlash) {
            BasicFileAttributes attrs = lstatOrNull(resolved.host());
            if (attrs != null && !attrs.isDirectory()) {
                throw new WasiError(Errno.NOTDIR);
            }
        }
        return resolved;
    }

    /**
     * The descriptor's own directory, re-checked: a directory descriptor is held by path, so if the
     * guest replaced one of its directories by a link since, the host must not follow it.
     */
    static List<String> verifiedBase(DirectoryDescriptor dir) {
        List<String> base = dir.base();
        Path p = dir.tree().root();
        for (String name : base) {
            p = p.resolve(name);
            BasicFileAttributes attrs = lstatOrNull(p);
            if (attrs == null || !attrs.isDirectory()) {
                throw new WasiError(Errno.NOENT);
            }
        }
        return base;
    }

    /** Splits on '/', dropping empty names (so {@code a//b/} is {@code [a, b]}). */
    static List<String> split(String path) {
        List<String> out = new ArrayList<>();
        for (String part : path.split("/")) {
            if (!part.isEmpty()) {
                out.add(part);
            }
        }
        return out;
    }

    static BasicFileAttributes lstatOrNull(Path host) {
        try {
            return Files.readAttributes(host, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw HostErrors.toWasi(e);
        }
    }

    static String readLink(Path host) {
        try {
            return Files.readSymbolicLink(host).toString();
        } catch (IOException e) {
            throw HostErrors.toWasi(e);
        }
    }
}
