package ai.wippy.runtime.fs;

import com.sun.jna.LastErrorException;
import com.sun.jna.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Opens mounts as {@link ConfinedDirectory}s, with the strongest confinement this platform has:
 * <ol>
 * <li>Linux 5.6+: the kernel confines every lookup ({@code openat2}, {@code RESOLVE_BENEATH});</li>
 * <li>older Linux: {@code openat} with {@code O_NOFOLLOW} one name at a time, links expanded by
 *     us relative to descriptors (as cap-std does);</li>
 * <li>elsewhere (or where the native library cannot load): full paths through the JDK, following
 *     no link and creating none, see {@link NioDirectory}.</li>
 * </ol>
 * The system property {@code wippy.fs.confinement} ({@code openat2}, {@code walk}, {@code nio})
 * forces one, for tests.
 */
public final class Sandbox {

    public enum Mechanism { OPENAT2, WALK, NIO }

    private static volatile Sandbox host;

    private final Mechanism mechanism;
    private final PathLookup lookup;
    private final DescriptorBudget budget;
    private final String fallbackReason;

    private Sandbox(Mechanism mechanism, PathLookup lookup, DescriptorBudget budget, String fallbackReason) {
        this.mechanism = mechanism;
        this.lookup = lookup;
        this.budget = budget;
        this.fallbackReason = fallbackReason;
    }

    /** The sandbox of this JVM (chosen once). */
    public static Sandbox host() {
        Sandbox s = host;
        if (s == null) {
            s = choose(System.getProperty("wippy.fs.confinement", ""), DescriptorBudget.jvm());
            host = s;
        }
        return s;
    }

    /** A sandbox with the given mechanism ({@code ""}: the best available). */
    public static Sandbox of(String mechanism, DescriptorBudget budget) {
        return choose(mechanism, budget);
    }

    private static Sandbox choose(String forced, DescriptorBudget budget) {
        String want = forced.trim().toLowerCase(Locale.ROOT);
        if (want.equals("nio")) {
            return new Sandbox(Mechanism.NIO, null, budget, "forced by wippy.fs.confinement");
        }
        if (!Platform.isLinux() || !(Platform.isIntel() || Platform.isARM()) || !Platform.is64Bit()) {
            return new Sandbox(Mechanism.NIO, null, budget, "not 64-bit Linux on x86-64 or AArch64");
        }
        try {
            if (!want.equals("walk") && Openat2Lookup.available()) {
                return new Sandbox(Mechanism.OPENAT2, new Openat2Lookup(), budget, null);
            }
            LinuxLibc.close(-1 >>> 1); // loads the library now, so a failure falls back here, not later
        } catch (LastErrorException e) {
            // EBADF from the probe above: the library works
        } catch (LinkageError | RuntimeException e) {
            return new Sandbox(Mechanism.NIO, null, budget, "native access unavailable: " + e);
        }
        return new Sandbox(Mechanism.WALK, new WalkingLookup(), budget, want.equals("walk")
                ? "forced by wippy.fs.confinement" : "openat2 is not available (Linux before 5.6, or filtered)");
    }

    public Mechanism mechanism() {
        return mechanism;
    }

    /** One line for logs: how confinement is enforced here, and why if not by the kernel. */
    public String describe() {
        return switch (mechanism) {
            case OPENAT2 -> "mount confinement: kernel, " + lookup.mechanism();
            case WALK -> "mount confinement: " + lookup.mechanism() + " (" + fallbackReason + ")";
            case NIO -> "mount confinement: JDK paths, symbolic links neither followed nor created ("
                    + fallbackReason + ")";
        };
    }

    public DescriptorBudget budget() {
        return budget;
    }

    /**
     * Opens a host directory as a mount root. The host path is configuration, trusted: links on
     * the way to it are followed; below it, nothing leads out.
     */
    public ConfinedDirectory open(Path hostDirectory, boolean readOnly) throws IOException {
        Path real = hostDirectory.toRealPath();
        if (!Files.isDirectory(real)) {
            throw new IOException("not a directory: " + hostDirectory);
        }
        if (mechanism == Mechanism.NIO) {
            return new NioDirectory(new NioDirectory.NioMount(real, readOnly, budget), List.of());
        }
        budget.acquire();
        int fd;
        try {
            fd = LinuxLibc.openat(-100, GuestPaths.cString(real.toString()),
                    LinuxLibc.O_RDONLY | LinuxLibc.O_DIRECTORY | LinuxLibc.O_CLOEXEC, 0);
        } catch (LastErrorException e) {
            budget.release();
            throw new IOException("cannot open " + hostDirectory + ": " + FsError.ofLinuxErrno(e.getErrorCode()));
        }
        FileStat root = LinuxStat.of(fd);
        return new LinuxDirectory(new LinuxMount(lookup, readOnly, root.dev(), root.ino(), budget), fd);
    }
}
