package ai.wippy.runtime.wasip2;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * A waiting guest parks without holding a carrier thread (issue 9, SPEC §7): on JDK 21 to 23 a
 * virtual thread blocked inside {@code synchronized} or in {@code Object.wait} pins its carrier, so
 * the code guests wait in (the WASI hosts of both versions, the process host) waits with
 * {@code LockSupport}/{@code java.util.concurrent} only. Read from the compiled classes, so a
 * {@code synchronized} added anywhere on these paths fails here whatever JDK runs the tests.
 */
class NoPinningTest {

    /** Packages whose code runs on a guest's thread while it may wait. */
    private static final List<String> WAITING_PATHS = List.of(
            "ai/wippy/runtime/wasip2", "ai/wippy/runtime/wasi", "ai/wippy/runtime/process");

    /**
     * Monitors allowed, each never held while waiting: a one-time lazy initialisation, and the
     * process host's bookkeeping (admission counters and a process's state changes, no blocking).
     */
    private static final Map<String, String> SHORT_MONITORS = Map.of(
            "ai/wippy/runtime/wasi/WasiOptions.random", "double-checked lazy SecureRandom",
            "ai/wippy/runtime/process/ProcessHost.start", "admission counters, no blocking",
            "ai/wippy/runtime/process/ProcessHost$Running.stop", "sets the stop reason and interrupts",
            "ai/wippy/runtime/process/ProcessHost$Running.run", "records the running thread, then its end");

    @Test
    void nothingOnAWaitingPathWaitsOnAMonitor() throws Exception {
        Set<String> found = new TreeSet<>();
        for (Path c : classes()) {
            try (InputStream in = Files.newInputStream(c)) {
                new ClassReader(in).accept(new Scanner(found), ClassReader.SKIP_DEBUG);
            }
        }
        assertThat(found.stream().filter(f -> f.contains("Object.wait") || f.contains("Object.notify")))
                .as("Object.wait/notify pins a virtual thread's carrier").isEmpty();
        assertThat(found.stream().filter(f -> !SHORT_MONITORS.containsKey(f.substring(0, f.indexOf(' ')))))
                .as("monitors on waiting paths (add a short, non-blocking one to SHORT_MONITORS with its reason)")
                .isEmpty();
    }

    private static final class Scanner extends ClassVisitor {
        private final Set<String> found;
        private String owner;

        Scanner(Set<String> found) {
            super(Opcodes.ASM9);
            this.found = found;
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
            owner = name;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
            String where = owner + "." + name.replaceAll("^lambda\\$(\\w+)\\$\\d+$", "$1");
            if ((access & Opcodes.ACC_SYNCHRONIZED) != 0) {
                found.add(where + " synchronized method");
            }
            return new MethodVisitor(Opcodes.ASM9) {
                @Override
                public void visitInsn(int opcode) {
                    if (opcode == Opcodes.MONITORENTER) {
                        found.add(where + " synchronized block");
                    }
                }

                @Override
                public void visitMethodInsn(int opcode, String o, String n, String d, boolean itf) {
                    if (o.equals("java/lang/Object") && (n.equals("wait") || n.startsWith("notify"))) {
                        found.add(where + " Object." + n);
                    }
                }
            };
        }
    }

    private static List<Path> classes() throws IOException, URISyntaxException {
        Path root = Path.of(WasiHost.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".class"))
                    .filter(p -> WAITING_PATHS.contains(root.relativize(p.getParent()).toString()))
                    .toList();
        }
    }
}
