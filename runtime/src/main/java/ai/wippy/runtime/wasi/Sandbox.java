package ai.wippy.runtime.wasi;

import java.io.IOException;
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
 * One mounted host directory and the only way to reach files under it. A guest path is resolved
 * component by component from a directory inside the mount, never by the host OS: {@code ..} pops a
 * component and cannot pop past the root; a symbolic link is read and its (relative) target spliced
 * into the path, so it is confined by the same rules; an absolute link target, or one climbing
 * above the root, is refused with {@code EPERM}, as is an absolute guest path. Only the last
 * component may stay an unfollowed link ({@code lookupflags} without SYMLINK_FOLLOW).
 *
 * <p>What this cannot stop: another process of the host (or a second guest sharing a writable
 * mount) swapping a directory for a symlink between the check and the open. After every open the
 * opened path's real location is checked once more, which narrows that window to the open itself.
 */
final class Sandbox {

    /** Symbolic links followed in one resolution before ELOOP (Linux uses 40). */
    private static final int MAX_LINKS = 40;

    final String guestPath;
    final Path root;
    final boolean readOnly;

    Sandbox(String guestPath, Path root, boolean readOnly) {
        this.guestPath = guestPath;
        this.root = root;
        this.readOnly = readOnly;
    }

    static Sandbox open(WasiMount mount) {
        Path real;
        try {
            real = mount.hostDirectory().toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("mount " + mount.guestPath() + ": " + mount.hostDirectory()
                    + " is not a readable directory: " + e.getMessage(), e);
        }
        if (!Files.isDirectory(real)) {
            throw new IllegalArgumentException("mount " + mount.guestPath() + ": " + real + " is not a directory");
        }
        return new Sandbox(mount.guestPath(), real, mount.readOnly());
    }

    /** A resolved guest path: its components under the root, the host path, and what is there (null: nothing). */
    record Resolved(Sandbox sandbox, List<String> components, Path host, BasicFileAttributes attributes) {
        boolean exists() {
            return attributes != null;
        }

        boolean isDirectory() {
            return attributes != null && attributes.isDirectory();
        }

        boolean isSymlink() {
            return attributes != null && attributes.isSymbolicLink();
        }

        /** The parent directory's components (the root's parent is refused before this). */
        List<String> parent() {
            return components.subList(0, components.size() - 1);
        }

        String name() {
            return components.isEmpty() ? "." : components.get(components.size() - 1);
        }
    }

    Path hostPath(List<String> components) {
        Path p = root;
        for (String c : components) {
            p = p.resolve(c);
        }
        return p;
    }

    /**
     * Resolves {@code path} relative to the directory {@code base} (components under the root).
     *
     * @param followLast follow a symbolic link in the last component (SYMLINK_FOLLOW)
     */
    Resolved resolve(List<String> base, String path, boolean followLast) {
        if (path.isEmpty()) {
            throw Errno.fail(Errno.NOENT);
        }
        if (path.indexOf('\0') >= 0) {
            throw Errno.fail(Errno.ILSEQ);
        }
        if (path.startsWith("/")) {
            throw Errno.fail(Errno.PERM);
        }
        boolean mustBeDirectory = path.endsWith("/");
        Deque<String> pending = new ArrayDeque<>(split(path));
        List<String> stack = new ArrayList<>(base);
        int links = 0;
        BasicFileAttributes attributes = attributesOf(hostPath(stack));
        while (!pending.isEmpty()) {
            String c = pending.pollFirst();
            boolean last = pending.isEmpty();
            if (c.equals("..")) {
                if (stack.isEmpty()) {
                    throw Errno.fail(Errno.PERM);
                }
                stack.remove(stack.size() - 1);
                attributes = attributesOf(hostPath(stack));
                continue;
            }
            if (c.length() > 255) {
                throw Errno.fail(Errno.NAMETOOLONG);
            }
            Path candidate = hostPath(stack).resolve(c);
            BasicFileAttributes a = attributesOf(candidate);
            if (a != null && a.isSymbolicLink() && (!last || followLast || mustBeDirectory)) {
                if (++links > MAX_LINKS) {
                    throw Errno.fail(Errno.LOOP);
                }
                String target = readLink(candidate);
                if (target.startsWith("/") || target.isEmpty()) {
                    throw Errno.fail(Errno.PERM);
                }
                List<String> parts = split(target);
                for (int i = parts.size() - 1; i >= 0; i--) {
                    pending.addFirst(parts.get(i));
                }
                if (target.endsWith("/") && last) {
                    mustBeDirectory = true;
                }
                continue;
            }
            if (!last) {
                if (a == null) {
                    throw Errno.fail(Errno.NOENT);
                }
                if (!a.isDirectory()) {
                    throw Errno.fail(Errno.NOTDIR);
                }
            }
            stack.add(c);
            attributes = a;
        }
        if (mustBeDirectory && attributes != null && !attributes.isDirectory()) {
            throw Errno.fail(Errno.NOTDIR);
        }
        return new Resolved(this, List.copyOf(stack), hostPath(stack), attributes);
    }

    /**
     * Whether a symbolic link created in directory {@code dir} with this target would stay inside
     * the root when followed (path_symlink refuses the others).
     */
    boolean targetStaysInside(List<String> dir, String target) {
        if (target.isEmpty() || target.startsWith("/")) {
            return false;
        }
        int depth = dir.size();
        for (String c : split(target)) {
            depth += c.equals("..") ? -1 : 1;
            if (depth < 0) {
                return false;
            }
        }
        return true;
    }

    /** After an open: the opened path's real location must still be under the root. */
    void checkStillInside(Path host) {
        try {
            if (!host.toRealPath().startsWith(root)) {
                throw Errno.fail(Errno.PERM);
            }
        } catch (NoSuchFileException e) {
            throw Errno.fail(Errno.NOENT);
        } catch (IOException e) {
            throw Errno.fail(Errno.of(e));
        }
    }

    void requireWritable() {
        if (readOnly) {
            throw Errno.fail(Errno.ROFS);
        }
    }

    static BasicFileAttributes attributesOf(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw Errno.fail(Errno.of(e));
        }
    }

    private static String readLink(Path p) {
        try {
            return Files.readSymbolicLink(p).toString();
        } catch (IOException e) {
            throw Errno.fail(Errno.of(e));
        }
    }

    private static List<String> split(String path) {
        List<String> parts = new ArrayList<>();
        for (String c : path.split("/")) {
            if (!c.isEmpty() && !c.equals(".")) {
                parts.add(c);
            }
        }
        return parts;
    }
}
