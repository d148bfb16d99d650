package ai.wippy.runtime.host;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An import name as hosts match it: {@code ns:pkg/iface@1.2.3} (version optional) or a plain name.
 * Two names are compatible the way wasmtime links them: the same name without version; or the same
 * interface whose versions agree on the major version (≥ 1), or on the minor version when the major is
 * 0, or exactly for {@code 0.0.x} and pre-releases.
 */
public record InterfaceName(String unversioned, Version version) {

    private static final Pattern VERSION = Pattern.compile(
            "(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?");

    /** A semantic version; {@code pre} is the pre-release part or null. */
    public record Version(long major, long minor, long patch, String pre) implements Comparable<Version> {
        @Override
        public int compareTo(Version o) {
            int c = Long.compare(major, o.major);
            if (c == 0) {
                c = Long.compare(minor, o.minor);
            }
            if (c == 0) {
                c = Long.compare(patch, o.patch);
            }
            if (c == 0) {
                // a release sorts after its pre-releases
                c = pre == null ? (o.pre == null ? 0 : 1) : (o.pre == null ? -1 : pre.compareTo(o.pre));
            }
            return c;
        }

        /** Versions a host may serve for each other: same major (≥1), same minor under 0.x, else equal. */
        boolean compatibleWith(Version o) {
            if (pre != null || o.pre != null) {
                return equals(o);
            }
            if (major != o.major) {
                return false;
            }
            if (major > 0) {
                return true;
            }
            if (minor != o.minor) {
                return false;
            }
            return minor > 0 || patch == o.patch;
        }

        @Override
        public String toString() {
            return major + "." + minor + "." + patch + (pre == null ? "" : "-" + pre);
        }
    }

    public InterfaceName {
        Objects.requireNonNull(unversioned, "unversioned");
    }

    public static InterfaceName parse(String name) {
        int at = name.lastIndexOf('@');
        if (at < 0) {
            return new InterfaceName(name, null);
        }
        Matcher m = VERSION.matcher(name.substring(at + 1));
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid version in interface name " + name);
        }
        return new InterfaceName(name.substring(0, at), new Version(Long.parseLong(m.group(1)),
                Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                m.group(4) == null ? null : m.group(4).substring(1)));
    }

    /** Whether a host providing {@code this} may serve an import of {@code wanted}. */
    public boolean serves(InterfaceName wanted) {
        if (!unversioned.equals(wanted.unversioned)) {
            return false;
        }
        if (version == null || wanted.version == null) {
            return version == null && wanted.version == null;
        }
        return version.compatibleWith(wanted.version);
    }

    @Override
    public String toString() {
        return version == null ? unversioned : unversioned + "@" + version;
    }
}
