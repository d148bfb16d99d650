package ai.wippy.runtime.engine;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.internal.ClassLoadingCollector;
import com.dylibso.chicory.compiler.internal.Compiler;
import com.dylibso.chicory.compiler.internal.CompilerResult;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ExternalType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandleProxies;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The JVM classes Chicory's compiler made of one core module, in the form the compiled-code cache
 * stores, plus what loading them needs: the main class, and which functions were too large for a
 * JVM method and run in Chicory's interpreter instead.
 *
 * <p>Knowing those functions is what makes a cached module cheap to load: only their bodies are
 * ever needed again, so the module is parsed with every other body replaced by a stub
 * ({@link CachedModuleParser}), and their bodies are kept here as Chicory's parser made them
 * ({@link InterpretedBodies}); for an 11 MB componentize-js module that is 0.35 s instead of 4 s.
 * The classes are uncompressed and defined lazily, when the code first uses them: the JVM then
 * verifies only what runs (Chicory's own loader defines and verifies all of them, 0.8 s for that
 * module). Compilation verified every class once, when it made them.
 *
 * <p>Chicory's public compiler API hides the interpreted functions, so this goes through its
 * {@code internal} compiler, the one {@code MachineFactoryCompiler} wraps; the engine version in
 * every cache entry ties stored code to Chicory 1.7.5.
 */
final class CompiledCode {

    /** "WCC2": the first four bytes of the stored form. */
    private static final int FORMAT = 0x57434332;

    /**
     * Functions per generated class. Chicory's default (12,288) puts a whole large module in one
     * class (13.5 MB for that module) that the JVM must verify before the first call; at 64, a call
     * verifies the classes of the functions it runs (a second `add` of that module: 2.0 s in all,
     * against 2.1 s at 256 per class).
     */
    static final int FUNCTIONS_PER_CLASS = 64;

    private final String mainClass;
    private final Map<String, byte[]> classes;
    private final int[] interpretedFunctions;
    /** {@link InterpretedBodies} of (most of) the interpreted functions. */
    private final byte[] interpretedBodies;

    private CompiledCode(String mainClass, Map<String, byte[]> classes, int[] interpretedFunctions,
            byte[] interpretedBodies) {
        this.mainClass = mainClass;
        this.classes = classes;
        this.interpretedFunctions = interpretedFunctions;
        this.interpretedBodies = interpretedBodies;
    }

    /** The compiled code with its machine factory, whose classes the compilation loaded already. */
    record Compiled(CompiledCode code, Function<Instance, Machine> factory) {
    }

    /** Compiles {@code module}; functions too large for a JVM method fall back to the interpreter. */
    static Compiled compile(WasmModule module) {
        CompilerResult result = Compiler.builder(module)
                .withInterpreterFallback(InterpreterFallback.SILENT)
                .withMaxFunctionsPerClass(FUNCTIONS_PER_CLASS)
                .withClassCollectorFactory(ClassLoadingCollector::new)
                .build()
                .compile();
        ClassLoadingCollector collector = (ClassLoadingCollector) result.collector();
        int imported = module.importSection().count(ExternalType.FUNCTION);
        int[] interpreted = result.interpretedFunctions().stream()
                .mapToInt(Integer::intValue).map(f -> f - imported).filter(f -> f >= 0).sorted().toArray();
        Map<String, byte[]> classes = new LinkedHashMap<>();
        // the collector keys some classes by binary name, some by internal name (a/b/C)
        collector.classBytes().forEach((name, bytes) -> classes.put(name.replace('/', '.'), bytes));
        com.dylibso.chicory.wasm.types.FunctionBody[] bodies = new com.dylibso.chicory.wasm.types.FunctionBody[interpreted.length];
        for (int i = 0; i < bodies.length; i++) {
            bodies[i] = module.codeSection().getFunctionBody(interpreted[i]);
        }
        CompiledCode code = new CompiledCode(collector.mainClassName().replace('/', '.'), classes, interpreted,
                InterpretedBodies.encode(bodies, interpreted));
        return new Compiled(code, collector.machineFactory());
    }

    /** Code made of these classes (tests plant such code in the cache). */
    static CompiledCode of(String mainClass, Map<String, byte[]> classes, int[] interpretedFunctions) {
        return new CompiledCode(mainClass, new LinkedHashMap<>(classes), interpretedFunctions.clone(),
                InterpretedBodies.encode(new com.dylibso.chicory.wasm.types.FunctionBody[0], new int[0]));
    }

    /** Defined-function indices (0 is the first function after the imported ones) that run interpreted. */
    int[] interpretedFunctions() {
        return interpretedFunctions.clone();
    }

    /** The interpreted bodies kept with the code, by defined-function index (the others are to be decoded). */
    Map<Integer, com.dylibso.chicory.wasm.types.FunctionBody> interpretedBodies() {
        return InterpretedBodies.decode(interpretedBodies);
    }

    /**
     * A machine factory over fresh class definitions of this code. The main class is loaded and
     * initialised now (a class the JVM refuses fails here, where the cache can evict its entry);
     * the others when first used.
     *
     * @throws LinkageError when the JVM refuses the main class
     */
    Function<Instance, Machine> machineFactory() {
        LazyClassLoader loader = new LazyClassLoader(classes);
        try {
            Class<? extends Machine> main = Class.forName(mainClass, true, loader).asSubclass(Machine.class);
            MethodHandle constructor = MethodHandles.publicLookup()
                    .findConstructor(main, MethodType.methodType(void.class, Instance.class));
            @SuppressWarnings("unchecked")
            Function<Instance, Machine> factory = MethodHandleProxies.asInterfaceInstance(Function.class, constructor);
            return factory;
        } catch (ReflectiveOperationException | RuntimeException e) {
            // not a Machine, a name the JVM will not define (java.*), no constructor of an Instance
            throw new LinkageError("compiled code without a usable main class " + mainClass + ": " + e, e);
        }
    }

    /**
     * The stored form: format, main class, interpreted functions and their bodies, then each class by
     * name, uncompressed.
     */
    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(FORMAT);
            out.writeUTF(mainClass);
            out.writeInt(interpretedFunctions.length);
            for (int f : interpretedFunctions) {
                out.writeInt(f);
            }
            out.writeInt(interpretedBodies.length);
            out.write(interpretedBodies);
            out.writeInt(classes.size());
            for (Map.Entry<String, byte[]> c : classes.entrySet()) {
                out.writeUTF(c.getKey());
                out.writeInt(c.getValue().length);
                out.write(c.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Reads the stored form; every count and length is checked against the bytes there are. */
    static CompiledCode decode(byte[] stored) throws CacheEntry.Invalid {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(stored))) {
            if (in.readInt() != FORMAT) {
                throw new CacheEntry.Invalid("not compiled code of this engine (unknown format)");
            }
            String main = in.readUTF();
            int[] interpreted = new int[count(in, 4)];
            for (int i = 0; i < interpreted.length; i++) {
                interpreted[i] = in.readInt();
                if (interpreted[i] < 0 || (i > 0 && interpreted[i] <= interpreted[i - 1])) {
                    throw new CacheEntry.Invalid("bad list of interpreted functions");
                }
            }
            byte[] bodies = new byte[count(in, 1)];
            in.readFully(bodies);
            int n = count(in, 6);
            Map<String, byte[]> classes = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                String name = in.readUTF();
                byte[] bytes = new byte[count(in, 1)];
                in.readFully(bytes);
                classes.put(name, bytes);
            }
            if (in.available() > 0 || !classes.containsKey(main)) {
                throw new CacheEntry.Invalid("malformed compiled code");
            }
            return new CompiledCode(main, classes, interpreted, bodies);
        } catch (IOException e) {
            throw new CacheEntry.Invalid("truncated compiled code");
        }
    }

    /** A count of items of at least {@code minBytes} each, no more than the bytes left can hold. */
    private static int count(DataInputStream in, int minBytes) throws IOException, CacheEntry.Invalid {
        int n = in.readInt();
        if (n < 0 || (long) n * minBytes > in.available()) {
            throw new CacheEntry.Invalid("malformed compiled code (a count exceeds its content)");
        }
        return n;
    }

    /** Defines each class of the compiled code when the JVM first asks for it, once. */
    private static final class LazyClassLoader extends ClassLoader {
        static {
            registerAsParallelCapable();
        }

        private final Map<String, byte[]> undefined;

        LazyClassLoader(Map<String, byte[]> classes) {
            super(Machine.class.getClassLoader());
            this.undefined = new ConcurrentHashMap<>(classes);
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = undefined.remove(name); // loadClass holds this name's lock: defined once
            if (bytes == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, bytes, 0, bytes.length);
        }
    }
}
