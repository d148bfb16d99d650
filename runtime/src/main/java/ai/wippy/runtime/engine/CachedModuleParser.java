package ai.wippy.runtime.engine;

import ai.wippy.runtime.wasm.BodyStubs;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.CodeSection;
import com.dylibso.chicory.wasm.types.CustomSection;
import com.dylibso.chicory.wasm.types.DataCountSection;
import com.dylibso.chicory.wasm.types.DataSection;
import com.dylibso.chicory.wasm.types.ElementSection;
import com.dylibso.chicory.wasm.types.ExportSection;
import com.dylibso.chicory.wasm.types.FunctionBody;
import com.dylibso.chicory.wasm.types.FunctionSection;
import com.dylibso.chicory.wasm.types.GlobalSection;
import com.dylibso.chicory.wasm.types.ImportSection;
import com.dylibso.chicory.wasm.types.MemorySection;
import com.dylibso.chicory.wasm.types.Section;
import com.dylibso.chicory.wasm.types.SectionId;
import com.dylibso.chicory.wasm.types.StartSection;
import com.dylibso.chicory.wasm.types.TableSection;
import com.dylibso.chicory.wasm.types.TagSection;
import com.dylibso.chicory.wasm.types.TypeSection;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import com.dylibso.chicory.wasm.ChicoryException;

/**
 * Parses a module whose compiled code comes from the cache ({@link CompiledCode}) into what its
 * instances need: every section as Chicory parses it, except that of the function bodies only those
 * of the functions the code runs in the interpreter are decoded; every other function gets one
 * shared stub body ({@code unreachable}), never run. Decoding the bodies is most of the cost of
 * parsing a large module: 12,371 bodies of an 11 MB componentize-js module took 3.6 s of a cold JVM.
 *
 * <p>No validation: the code was compiled from these very bytes after they were validated (see
 * {@link WasmEngine}). {@link ValidatorHints} says when the interpreted bodies would lack the type
 * hints only the validator writes; the module is then parsed validated.
 */
final class CachedModuleParser {

    /** {@code (func) unreachable end}, as Chicory parses it: the body of every compiled function. */
    private static final FunctionBody STUB = Parser.parse(new byte[] {
        0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
        0x01, 0x04, 0x01, 0x60, 0x00, 0x00, // type 0: [] -> []
        0x03, 0x02, 0x01, 0x00, // function 0: type 0
        0x0a, 0x05, 0x01, 0x03, 0x00, 0x00, 0x0b, // body: no locals, unreachable, end
    }).codeSection().getFunctionBody(0);

    private CachedModuleParser() {
    }

    /**
     * The module parsed for planning, and the module instances are built from.
     *
     * @param shape    every section, every body a stub: types, imports and exports, for planning
     *                 and signatures; what instances are built from too when no function is interpreted
     * @param complete the same with the bodies of the interpreted functions, decoded in the background
     */
    record Parsed(WasmModule shape, CompletableFuture<WasmModule> complete) {
    }

    /**
     * Parses {@code bytes}; the bodies of the {@code interpreted} functions not {@code kept} with the
     * compiled code ({@link InterpretedBodies}) are decoded on a thread of their own meanwhile.
     * Functions too large for a JVM method are the largest of a module (724 KB in 8 bodies of that
     * 11 MB module, 0.4–0.7 s to decode in a cold JVM), and nothing needs them before the first instance.
     *
     * @param interpreted the defined-function indices whose bodies instances need, ascending
     * @param kept        bodies of some of them, as the parser gave them when the code was compiled
     * @throws ai.wippy.runtime.wasm.MalformedBinaryException when the sizes of the module do not hold
     * @throws ChicoryException                               when Chicory cannot parse it
     */
    static Parsed parse(byte[] bytes, int[] interpreted, java.util.function.Supplier<Map<Integer, FunctionBody>> kept) {
        BodyStubs.Layout layout = BodyStubs.locate(bytes);
        int n = layout.code().bodies().size();
        if (n != layout.functionTypes().length) {
            throw new ChicoryException("function and code section have inconsistent lengths");
        }
        for (int f : interpreted) {
            if (f >= n) {
                throw new ChicoryException("no function " + f + " to interpret");
            }
        }
        CompletableFuture<FunctionBody[]> decoding = interpreted.length == 0
                ? CompletableFuture.completedFuture(new FunctionBody[0])
                : CompletableFuture.supplyAsync(() -> bodies(bytes, layout, interpreted, kept), CachedModuleParser::inBackground);
        List<Section> sections = new ArrayList<>();
        withoutCode().parse(new ByteArrayInputStream(bytes), sections::add);
        WasmModule shape = build(sections, layout, interpreted, new FunctionBody[interpreted.length]);
        CompletableFuture<WasmModule> complete = decoding.thenApply(bodies -> {
            WasmModule m = interpreted.length == 0 ? shape : build(sections, layout, interpreted, bodies);
            if (ValidatorHints.needed(m)) {
                // rare (SIMD or GC instructions): the validator must write its hints, over the whole module
                m = Parser.parse(BodyStubs.stub(bytes, 0, layout.code(), f -> Arrays.binarySearch(interpreted, f) < 0));
            }
            return m;
        });
        return new Parsed(shape, complete);
    }

    private static void inBackground(Runnable task) {
        Thread t = new Thread(task, "wippy-decode-interpreted-functions");
        t.setDaemon(true);
        t.start();
    }

    /** A module of these sections, with the stub for every body but those given (null: the stub too). */
    private static WasmModule build(List<Section> sections, BodyStubs.Layout layout, int[] functions,
            FunctionBody[] decoded) {
        WasmModule.Builder module = WasmModule.builder().withValidation(false);
        for (Section s : sections) {
            add(module, s);
        }
        if (layout.code().section() != null) {
            FunctionBody[] bodies = new FunctionBody[layout.code().bodies().size()];
            Arrays.fill(bodies, STUB);
            for (int i = 0; i < functions.length; i++) {
                if (decoded[i] != null) {
                    bodies[functions[i]] = decoded[i];
                }
            }
            // no requiresDataCount: only Chicory's validator reads it, and this module is not validated
            CodeSection.Builder code = CodeSection.builder();
            for (FunctionBody body : bodies) {
                code.addFunctionBody(body);
            }
            module.setCodeSection(code.build());
        }
        return module.build();
    }

    /** The bodies of the interpreted functions: those kept with the code, the others decoded. */
    private static FunctionBody[] bodies(byte[] bytes, BodyStubs.Layout layout, int[] interpreted,
            java.util.function.Supplier<Map<Integer, FunctionBody>> kept) {
        Map<Integer, FunctionBody> known;
        try {
            known = kept.get();
        } catch (IllegalArgumentException e) {
            known = Map.of(); // not as this engine writes them: decode them all
        }
        Map<Integer, FunctionBody> k = known;
        int[] missing = Arrays.stream(interpreted).filter(f -> !k.containsKey(f)).toArray();
        FunctionBody[] decoded = decode(bytes, layout, missing);
        FunctionBody[] bodies = new FunctionBody[interpreted.length];
        for (int i = 0, d = 0; i < interpreted.length; i++) {
            FunctionBody b = known.get(interpreted[i]);
            bodies[i] = b != null ? b : decoded[d++];
        }
        return bodies;
    }

    /** The bodies of these defined functions, as Chicory decodes them. */
    private static FunctionBody[] decode(byte[] bytes, BodyStubs.Layout layout, int[] functions) {
        if (functions.length == 0) {
            return new FunctionBody[0];
        }
        byte[] alone = BodyStubs.bodiesAlone(bytes, layout, functions);
        CodeSection code = Parser.builder().withValidation(false).build()
                .parse(() -> new ByteArrayInputStream(alone)).codeSection();
        FunctionBody[] bodies = new FunctionBody[functions.length];
        for (int i = 0; i < bodies.length; i++) {
            bodies[i] = code.getFunctionBody(i);
        }
        return bodies;
    }

    /** A parser of every section but the code section (a new one each time: a parser keeps state). */
    private static Parser withoutCode() {
        Parser.Builder b = Parser.builder().withValidation(false);
        for (int id = SectionId.CUSTOM; id <= SectionId.TAG; id++) {
            if (id != SectionId.CODE) {
                b.includeSectionId(id);
            }
        }
        return b.build();
    }

    /** What Chicory's own parse does with each section it reads. */
    private static void add(WasmModule.Builder module, Section s) {
        switch (s.sectionId()) {
            case SectionId.CUSTOM -> module.addCustomSection(((CustomSection) s).name(), (CustomSection) s);
            case SectionId.TYPE -> module.setTypeSection((TypeSection) s);
            case SectionId.IMPORT -> module.setImportSection((ImportSection) s);
            case SectionId.FUNCTION -> module.setFunctionSection((FunctionSection) s);
            case SectionId.TABLE -> module.setTableSection((TableSection) s);
            case SectionId.MEMORY -> module.setMemorySection((MemorySection) s);
            case SectionId.GLOBAL -> module.setGlobalSection((GlobalSection) s);
            case SectionId.EXPORT -> module.setExportSection((ExportSection) s);
            case SectionId.START -> module.setStartSection((StartSection) s);
            case SectionId.ELEMENT -> module.setElementSection((ElementSection) s);
            case SectionId.DATA -> module.setDataSection((DataSection) s);
            case SectionId.DATA_COUNT -> module.setDataCountSection((DataCountSection) s);
            case SectionId.TAG -> module.setTagSection((TagSection) s);
            default -> module.addIgnoredSection(s.sectionId());
        }
    }
}
