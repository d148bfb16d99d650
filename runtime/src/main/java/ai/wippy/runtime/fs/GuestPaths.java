package ai.wippy.runtime.fs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The syntax of guest paths and link targets, shared by every implementation. */
public final class GuestPaths {

    private GuestPaths() {
    }

    /**
     * Refuses what no lookup may start from: an empty path (ENOENT), a NUL byte (EINVAL, the host
     * would cut the path there) and an absolute path (EPERM: a guest names host objects only
     * relative to a directory it holds).
     */
    static void requireRelative(String path) {
        if (path.isEmpty()) {
            throw new FsException(FsError.NOENT);
        }
        if (path.indexOf('\0') >= 0) {
            throw new FsException(FsError.INVAL);
        }
        if (path.charAt(0) == '/') {
            throw new FsException(FsError.PERM);
        }
    }

    /**
     * A link target a guest may create: relative, without NUL and without any {@code ..}. Such a
     * target names something below the directory holding the link; chains of such links stay below
     * it too, and moving the link or any directory above it keeps that true. So a link a guest makes
     * never leads out of its mount, not even for a host tool that follows links later. (Checking
     * {@code ..} against the link's depth instead cannot be sound: moving a directory changes the
     * depth of every link inside it.)
     */
    public static void requireContainedLinkTarget(String target) {
        if (target.isEmpty()) {
            throw new FsException(FsError.NOENT);
        }
        if (target.indexOf('\0') >= 0 || target.charAt(0) == '/') {
            throw new FsException(FsError.PERM);
        }
        for (String name : split(target)) {
            if (name.equals("..")) {
                throw new FsException(FsError.PERM);
            }
        }
    }

    /** Whether a link with this target is one a guest could have made (see above). */
    static boolean isContainedLinkTarget(String target) {
        try {
            requireContainedLinkTarget(target);
            return true;
        } catch (FsException e) {
            return false;
        }
    }

    /** Splits on '/', dropping empty names ({@code a//b/} is {@code [a, b]}). */
    public static List<String> split(String path) {
        List<String> out = new ArrayList<>();
        int start = 0;
        int n = path.length();
        for (int i = 0; i <= n; i++) {
            if (i == n || path.charAt(i) == '/') {
                if (i > start) {
                    out.add(path.substring(start, i));
                }
                start = i + 1;
            }
        }
        return out;
    }

    static boolean hasTrailingSlash(String path) {
        return path.endsWith("/");
    }

    /**
     * A path cut before its last name: {@code parent} is the path of the directory holding it (""
     * for the directory itself), {@code name} the last name, with {@code /} appended when the path
     * had trailing slashes (the kernel then insists on a directory). {@code name} is {@code .} or
     * {@code ..} for paths that end so; callers must not pass those to the host as a name.
     */
    record Split(String parent, String name, boolean trailingSlash) {

        boolean dotOrDotDot() {
            String bare = trailingSlash ? name.substring(0, name.length() - 1) : name;
            return bare.equals(".") || bare.equals("..");
        }

        String bareName() {
            return trailingSlash ? name.substring(0, name.length() - 1) : name;
        }
    }

    static Split splitLast(String path) {
        int end = path.length();
        while (end > 0 && path.charAt(end - 1) == '/') {
            end--;
        }
        boolean trailing = end < path.length();
        int slash = path.lastIndexOf('/', end - 1);
        String name = path.substring(slash + 1, end);
        String parent = slash < 0 ? "" : path.substring(0, slash);
        return new Split(parent, trailing ? name + "/" : name, trailing);
    }

    /** A NUL-terminated UTF-8 path for the C library. */
    static byte[] cString(String path) {
        byte[] utf8 = path.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[utf8.length + 1];
        System.arraycopy(utf8, 0, out, 0, utf8.length);
        return out;
    }
}
