package ai.wippy.runtime.verify;

import static ai.wippy.runtime.verify.Wasm.I32;
import static ai.wippy.runtime.verify.Wasm.I64;
import static ai.wippy.runtime.verify.Wasm.body;
import static ai.wippy.runtime.verify.Wasm.bytes;
import static ai.wippy.runtime.verify.Wasm.codeSection;
import static ai.wippy.runtime.verify.Wasm.component;
import static ai.wippy.runtime.verify.Wasm.concat;
import static ai.wippy.runtime.verify.Wasm.funcType;
import static ai.wippy.runtime.verify.Wasm.functionNames;
import static ai.wippy.runtime.verify.Wasm.functionSection;
import static ai.wippy.runtime.verify.Wasm.module;
import static ai.wippy.runtime.verify.Wasm.name;
import static ai.wippy.runtime.verify.Wasm.section;
import static ai.wippy.runtime.verify.Wasm.typeSection;
import static ai.wippy.runtime.verify.Wasm.u32;
import static ai.wippy.runtime.verify.Wasm.vec;
import static org.assertj.core.api.Assertions.assertThat;

import ai.wippy.runtime.Fixtures;
import ai.wippy.runtime.BinaryKind;
import ai.wippy.runtime.wasm.CoreModuleLayout;
import ai.wippy.runtime.wasm.InstructionWalker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code check} decodes and validates whole binaries: real fixtures pass; truncated, oversized,
 * hostile and invalid ones are refused with the offset and what is wrong, hostile ones before the
 * runtime's parser ever sees them.
 */
class WasmBinaryCheckTest {

    /** The runtime's validator, counting the modules it is given. */
    private static final class Recording implements CoreModuleValidator {
        private final ChicoryValidator chicory = new ChicoryValidator();
        int calls;

        @Override
        public void validate(byte[] file, CoreModuleLayout layout, Set<Integer> skippedBodies) {
            calls++;
            chicory.validate(file, layout, skippedBodies);
        }
    }

    private final Recording validator = new Recording();
    private final WasmBinaryCheck check = new WasmBinaryCheck(validator, () -> 1L << 30);

    private String problem(byte[] binary) {
        WasmBinaryCheck.Result r = check.check(binary, BinaryKind.detect("test", binary));
        assertThat(r.defect()).as("a problem is found").isPresent();
        return r.defect().get().format();
    }

    private String problemBeforeTheParser(byte[] binary) {
        String p = problem(binary);
        assertThat(validator.calls).as("refused by the pre-pass: the runtime's parser never saw it").isZero();
        return p;
    }

    static Stream<Path> fixtures() throws IOException {
        return Files.list(Fixtures.dir()).filter(p -> p.toString().endsWith(".wasm")).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void everyFixturePasses(Path fixture) throws IOException {
        byte[] binary = Files.readAllBytes(fixture);
        WasmBinaryCheck.Result r = check.check(binary, BinaryKind.detect(fixture.toString(), binary));
        assertThat(r.defect()).isEmpty();
        assertThat(r.notValidated()).isEmpty();
        assertThat(validator.calls).isPositive();
    }

    @Test
    void aValidHandWrittenModulePasses() {
        assertThat(check.check(Wasm.addModule(), BinaryKind.CORE_MODULE).ok()).isTrue();
        assertThat(validator.calls).isEqualTo(1);
    }

    @Test
    void aTruncatedModuleNamesTheSectionThatRunsPastTheEnd() {
        byte[] whole = Wasm.addModule();
        // Cut inside the code section (its id is at 0x1e, its size at 0x1f).
        byte[] truncated = Arrays.copyOf(whole, whole.length - 3);
        assertThat(problemBeforeTheParser(truncated)).isEqualTo(
                "invalid WebAssembly module at offset 0x1f: code section size 9 exceeds the file (6 bytes left)");
    }

    @Test
    void aTruncatedRealModuleIsRefused() throws IOException {
        byte[] kernel = Fixtures.bytes("kernel");
        byte[] half = Arrays.copyOf(kernel, kernel.length / 2);
        assertThat(problemBeforeTheParser(half)).matches(
                "invalid WebAssembly module at offset 0x[0-9a-f]+: [a-z ]+ section size \\d+ exceeds the file \\(\\d+ bytes left\\)");
    }

    @Test
    void aModuleCutInsideAnLebIsRefused() {
        byte[] cut = concat(Wasm.CORE_HEADER, bytes(0x01, 0x80));
        assertThat(problemBeforeTheParser(cut)).isEqualTo("invalid WebAssembly module at offset 0x9: unexpected end of the"
                + " file while reading the size of the type section");
    }

    @Test
    void aHugeSectionSizeIsRefused() {
        byte[] binary = concat(Wasm.CORE_HEADER, bytes(0x01), u32(0xffffffffL));
        assertThat(problemBeforeTheParser(binary)).isEqualTo(
                "invalid WebAssembly module at offset 0x9: type section size 4294967295 exceeds the file (0 bytes left)");
    }

    @Test
    void aSectionLongerThanItsContentIsRefused() {
        byte[] binary = module(section(3, vec(), bytes(0x00, 0x00)));
        assertThat(problemBeforeTheParser(binary)).isEqualTo("invalid WebAssembly module at offset 0xb: the function"
                + " section has 2 bytes left over after its content (section size mismatch)");
    }

    @Test
    void twoToThe32LocalsAreRefusedBeforeTheParserAllocatesThem() {
        // One declaration of 2^32-1 i32 locals: Chicory's parser would add them one by one.
        byte[] binary = module(typeSection(funcType(new int[0])), functionSection(0),
                codeSection(body(vec(concat(u32(0xffffffffL), bytes(I32))), bytes(0x0b))));
        long start = System.nanoTime();
        assertThat(problemBeforeTheParser(binary)).isEqualTo("invalid WebAssembly module at offset 0x17: function 0"
                + " declares too many locals: 4294967295; the runtime allows at most 50000 in one function");
        assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
    }

    @Test
    void localsAreCountedOverAllDeclarations() {
        // Two declarations of 2^31 locals: 2^32 in all; and 30000 + 30000, each allowed alone.
        byte[] twoHalves = module(typeSection(funcType(new int[0])), functionSection(0), codeSection(body(
                vec(concat(u32(1L << 31), bytes(I32)), concat(u32(1L << 31), bytes(I64))), bytes(0x0b))));
        assertThat(problemBeforeTheParser(twoHalves)).contains("function 0 declares too many locals: 2147483648 in its"
                + " first 1 local declarations");
        byte[] sum = module(typeSection(funcType(new int[0])), functionSection(0), codeSection(body(
                vec(concat(u32(30_000), bytes(I32)), concat(u32(30_000), bytes(I64))), bytes(0x0b))));
        assertThat(problemBeforeTheParser(sum)).contains("function 0 declares too many locals: 60000 in its first 2 local"
                + " declarations; the runtime allows at most 50000 in one function");
    }

    @Test
    void aBadOpcodeIsRefusedAtItsOffset() {
        byte[] binary = module(typeSection(funcType(new int[0])), functionSection(0), codeSection(body(0x01, 0xff, 0x0b)));
        // header 8, types 0x08-0x0d, functions 0x0e-0x11, code 0x12: size, count, body size, locals, nop, 0xff
        assertThat(problemBeforeTheParser(binary)).isEqualTo(
                "invalid WebAssembly module at offset 0x18: function 0: illegal opcode 0xff");
    }

    @Test
    void aPrefixedOpcodeOutsideTheTableIsRefused() {
        byte[] binary = module(typeSection(funcType(new int[0])), functionSection(0),
                codeSection(Wasm.rawBody(concat(vec(), bytes(0xfc), u32(0xffff), bytes(0x0b)))));
        assertThat(problemBeforeTheParser(binary)).endsWith("function 0: illegal opcode 0xfc 65535");
    }

    @Test
    void anImmediateRunningPastTheBodySaysWhichInstruction() {
        // i32.load with its offset cut off by the end of the body
        byte[] binary = module(typeSection(funcType(new int[0])), functionSection(0),
                codeSection(Wasm.rawBody(bytes(0x00, 0x41, 0x00, 0x28, 0x02))));
        assertThat(problemBeforeTheParser(binary)).isEqualTo("invalid WebAssembly module at offset 0x1b: function 0:"
                + " i32.load: unexpected end of function 0's body while reading an immediate");
        assertThat(InstructionWalker.textName(com.dylibso.chicory.wasm.types.OpCode.BR_TABLE)).isEqualTo("br_table");
        assertThat(InstructionWalker.textName(com.dylibso.chicory.wasm.types.OpCode.I32_LOAD8_S)).isEqualTo("i32.load8_s");
    }

    @Test
    void aBodyWithoutItsEndIsRefused() {
        byte[] binary = module(typeSection(funcType(new int[0])), functionSection(0), codeSection(body(0x02, 0x40, 0x0b)));
        assertThat(problemBeforeTheParser(binary)).endsWith("function 0: the body ends without the end of the function (0x0b)");
    }

    @Test
    void aTypeMismatchInAFunctionBodyIsFoundByTheValidatorAndPlacedAtThatFunction() {
        // Function 1 returns an i64 where its type says i32; functions 0 and 2 are fine.
        byte[] good = body(0x41, 0x01, 0x0b);
        byte[] bad = body(0x42, 0x01, 0x0b);
        byte[] binary = module(typeSection(funcType(new int[0], I32)), functionSection(0, 0, 0),
                codeSection(good, bad, good), functionNames(0, "first", 1, "bad_one"));
        String p = problem(binary);
        assertThat(validator.calls).isEqualTo(1);
        // code section at 0x15: id, size, count; body 0 at 0x18 (5 bytes), body 1 at 0x1d
        assertThat(p).startsWith("invalid WebAssembly module at offset 0x1d: function 1 \"bad_one\": type mismatch");
        assertThat(p).contains("i32").contains("i64");
    }

    @Test
    void aBranchToAnUnknownLabelIsPlacedAtItsFunction() {
        byte[] binary = module(typeSection(funcType(new int[0])), functionSection(0, 0),
                codeSection(body(0x0b), body(0x0c, 0x05, 0x0b)));
        assertThat(problem(binary)).isEqualTo("invalid WebAssembly module at offset 0x19: function 1: unknown label");
    }

    @Test
    void anInvalidGlobalIsPlacedAtTheGlobalSection() {
        // (global i32 (i64.const 1))
        byte[] binary = module(section(6, vec(concat(bytes(I32, 0x00), bytes(0x42, 0x01, 0x0b)))));
        assertThat(problem(binary)).startsWith("invalid WebAssembly module at offset 0x8: in the global section: ")
                .contains("type mismatch");
    }

    @Test
    void sectionsOutOfOrderAreRefused() {
        byte[] binary = module(functionSection(), typeSection());
        assertThat(problemBeforeTheParser(binary)).isEqualTo("invalid WebAssembly module at offset 0xb: the type section"
                + " comes after the function section, out of the order the binary format requires");
    }

    @Test
    void functionAndCodeCountsMustAgree() {
        byte[] binary = module(typeSection(funcType(new int[0])), functionSection(0, 0), codeSection(body(0x0b)));
        assertThat(problemBeforeTheParser(binary)).isEqualTo("invalid WebAssembly module at offset 0x15: the code section"
                + " has 1 function body but the function section declares 2 functions");
        byte[] noCode = module(typeSection(funcType(new int[0])), functionSection(0));
        assertThat(problemBeforeTheParser(noCode)).isEqualTo("invalid WebAssembly module at offset 0x10: the function"
                + " section declares 1 function but there is no code section");
    }

    @Test
    void theDataCountMustMatchTheDataSection() {
        byte[] binary = module(section(12, u32(2)), section(11, vec(concat(bytes(0x01), u32(0)))));
        assertThat(problemBeforeTheParser(binary)).isEqualTo("invalid WebAssembly module at offset 0xa: the data count"
                + " section says 2 data segments but the data section has 1");
    }

    @Test
    void declaredCountsAndLengthsMustFitTheSection() {
        byte[] params = module(section(1, vec(concat(bytes(0x60), u32(0xffffffffL)))));
        assertThat(problemBeforeTheParser(params)).isEqualTo("invalid WebAssembly module at offset 0xc: parameters of"
                + " type 0 count 4294967295 exceeds the type section (0 bytes left)");
        byte[] importName = module(section(2, vec(concat(u32(0x7fffffff), bytes(0x61)))));
        assertThat(problemBeforeTheParser(importName)).isEqualTo("invalid WebAssembly module at offset 0xb: the module"
                + " name of import 0 length 2147483647 exceeds the import section (1 byte left)");
        byte[] data = module(section(11, vec(concat(bytes(0x01), u32(0xfffffff0L)))));
        assertThat(problemBeforeTheParser(data)).isEqualTo("invalid WebAssembly module at offset 0xc: data segment 0:"
                + " length 4294967280 exceeds the data section (0 bytes left)");
        byte[] customName = module(section(0, u32(1000)));
        assertThat(problemBeforeTheParser(customName)).isEqualTo("invalid WebAssembly module at offset 0xa: the custom"
                + " section name length 1000 exceeds the custom section (0 bytes left)");
        byte[] functionName = module(section(0, name("name"), bytes(1), u32(7), vec(concat(u32(0), u32(0x7fffffff)))));
        assertThat(problemBeforeTheParser(functionName)).isEqualTo("invalid WebAssembly module at offset 0x13: a name in"
                + " name subsection 1 length 2147483647 exceeds name subsection 1 (0 bytes left)");
    }

    @Test
    void namesMustBeUtf8() {
        byte[] binary = module(section(7, vec(concat(u32(2), bytes(0xc3, 0x28), bytes(0x00), u32(0)))));
        assertThat(problemBeforeTheParser(binary)).isEqualTo(
                "invalid WebAssembly module at offset 0xb: the name of export 0 is not valid UTF-8");
    }

    @Test
    void branchesThatWalkManyBlocksAreRefusedAsTooCostly() {
        // 20000 nested blocks, then 50000 branches to the outermost: Chicory's parser would walk
        // 10^9 blocks to resolve them. 260 KB of code.
        ByteArrayOutputStream code = new ByteArrayOutputStream();
        code.write(0x00);
        for (int i = 0; i < 20_000; i++) {
            code.writeBytes(bytes(0x02, 0x40));
        }
        for (int i = 0; i < 50_000; i++) {
            code.write(0x0c);
            code.writeBytes(u32(19_999));
        }
        for (int i = 0; i <= 20_000; i++) {
            code.write(0x0b);
        }
        byte[] binary = module(typeSection(funcType(new int[0])), functionSection(0),
                codeSection(Wasm.rawBody(code.toByteArray())));
        long start = System.nanoTime();
        assertThat(problemBeforeTheParser(binary)).contains(": function 0: too costly to validate: more than ");
        assertThat(System.nanoTime() - start).isLessThan(10_000_000_000L);
    }

    @Test
    void callsThatMoveThousandsOfValuesAreRefusedAsTooCostly() {
        // A function returning 1000 i32s, called 100000 times: 10^8 values on the validator's stack.
        int[] results = new int[1000];
        Arrays.fill(results, I32);
        ByteArrayOutputStream calls = new ByteArrayOutputStream();
        calls.write(0x00);
        for (int i = 0; i < 100_000; i++) {
            calls.writeBytes(bytes(0x10, 0x00));
        }
        calls.write(0x0b);
        byte[] binary = module(typeSection(funcType(new int[0], results), funcType(new int[0])), functionSection(0, 1),
                codeSection(body(0x00, 0x0b), Wasm.rawBody(calls.toByteArray())));
        assertThat(problemBeforeTheParser(binary)).contains(": function 1: too costly to validate");
    }

    @Test
    void namesOutOfOrderAreRefusedWhenTheParserWouldSpendQuadraticTimeOnThem() {
        // Chicory inserts each name into a sorted list: 30000 names in reverse order move 4.5 * 10^8 entries.
        Object[] names = new Object[60_000];
        for (int i = 0; i < 30_000; i++) {
            names[2 * i] = 30_000 - i;
            names[2 * i + 1] = "f";
        }
        byte[] binary = module(functionNames(names));
        assertThat(problemBeforeTheParser(binary)).contains(": the name section: too costly to validate");
        byte[] fewSwapped = module(functionNames(2, "b", 1, "a"));
        assertThat(check.check(fewSwapped, BinaryKind.CORE_MODULE).ok()).isTrue();
    }

    @Test
    void aLargeFunctionBodyIsNotGivenToTheValidatorWhenTheHeapCannotAffordIt() {
        // A 64 KiB body of type errors (drop on an empty stack): 70 MB for Chicory's validator.
        byte[] drops = new byte[65_536];
        Arrays.fill(drops, (byte) 0x1a);
        byte[] binary = module(typeSection(funcType(new int[0])), functionSection(0, 0),
                codeSection(body(0x0b), Wasm.rawBody(concat(bytes(0x00), drops, bytes(0x0b)))));
        WasmBinaryCheck small = new WasmBinaryCheck(validator, () -> 64L << 20);
        WasmBinaryCheck.Result r = small.check(binary, BinaryKind.CORE_MODULE);
        assertThat(r.defect()).isEmpty();
        assertThat(r.notValidated()).singleElement().asString().isEqualTo("1 function body (65538 bytes, the largest"
                + " function 1 at offset 0x1b) not validated: the runtime's validator needs about 200 bytes of heap per"
                + " byte of code, 1100 per byte of an invalid body, and only 64 MiB are free; give Maven more heap"
                + " (MAVEN_OPTS=-Xmx...) to validate them");
        WasmBinaryCheck.Result enough = check.check(binary, BinaryKind.CORE_MODULE);
        assertThat(enough.notValidated()).isEmpty();
        assertThat(enough.defect()).get().asString().startsWith("invalid WebAssembly module at offset 0x1b: function 1:"
                + " type mismatch").endsWith("(and more)");
    }

    @Test
    void whatTheHeapCanAffordIsStillValidated() {
        // Ten 4 KiB bodies with 8 MiB free (6 MiB allowed): the eight largest are left out, the two smallest
        // (4100 and 4004 bytes: 1.6 MB to parse, 4.5 MB for an invalid one) are validated, the invalid one caught.
        byte[][] bodies = new byte[10][];
        for (int i = 0; i < 9; i++) {
            byte[] nops = new byte[4096 + i];
            Arrays.fill(nops, (byte) 0x01);
            bodies[i] = Wasm.rawBody(concat(bytes(0x00), nops, bytes(0x41, 0x00, 0x0b)));
        }
        byte[] nops = new byte[4000];
        Arrays.fill(nops, (byte) 0x01);
        bodies[9] = Wasm.rawBody(concat(bytes(0x00), nops, bytes(0x42, 0x00, 0x0b)));
        byte[] binary = module(typeSection(funcType(new int[0], I32)), functionSection(new int[10]), codeSection(bodies));
        WasmBinaryCheck.Result r = new WasmBinaryCheck(validator, () -> 8L << 20).check(binary, BinaryKind.CORE_MODULE);
        assertThat(r.notValidated()).singleElement().asString().matches("8 function bodies \\(32836 bytes, the largest"
                + " function 8 at offset 0x[0-9a-f]+\\) not validated: .*");
        assertThat(r.defect()).get().asString().contains(": function 9: type mismatch");
        // The nine valid bodies left out are valid: with enough heap only function 9 fails.
        assertThat(check.check(binary, BinaryKind.CORE_MODULE).defect()).get().asString().contains(": function 9: type mismatch");
    }

    // -- components ------------------------------------------------------------------------------

    @Test
    void aRealComponentPasses() {
        byte[] binary = Fixtures.bytes("compute_component");
        assertThat(check.check(binary, BinaryKind.detect("c", binary)).ok()).isTrue();
        assertThat(validator.calls).as("its core module and the nested component's").isEqualTo(2);
    }

    @Test
    void aTruncatedComponentIsRefused() {
        byte[] binary = Fixtures.bytes("compute_component");
        byte[] truncated = Arrays.copyOf(binary, binary.length - 10);
        assertThat(problem(truncated)).matches("invalid WebAssembly component at offset 0x[0-9a-f]+: [a-z ]+ section size"
                + " \\d+ exceeds the file \\(\\d+ bytes left\\)");
        validator.calls = 0;
        byte[] header = Arrays.copyOf(binary, 12);
        assertThat(problemBeforeTheParser(header)).isEqualTo("invalid WebAssembly component at offset 0x9: core module"
                + " section size 56 exceeds the file (2 bytes left)");
    }

    @Test
    void aComponentWithABadCoreModuleNamesTheModule() {
        byte[] badOpcode = module(typeSection(funcType(new int[0])), functionSection(0), codeSection(body(0x01, 0xff, 0x0b)));
        byte[] binary = component(section(0, name("hello")), section(1, badOpcode));
        // custom section 0x08-0x0f; module section at 0x10, its module at 0x12: the 0xff is 0x12 + 0x18
        assertThat(problemBeforeTheParser(binary)).isEqualTo("invalid WebAssembly component at offset 0x2a: in the core"
                + " module at offset 0x12: function 0: illegal opcode 0xff");
    }

    @Test
    void aComponentWithAnInvalidCoreModuleIsCheckedByTheValidatorAtTheRightOffsets() {
        byte[] good = body(0x41, 0x01, 0x0b);
        byte[] bad = body(0x42, 0x01, 0x0b);
        byte[] mismatch = module(typeSection(funcType(new int[0], I32)), functionSection(0, 0), codeSection(good, bad));
        byte[] binary = component(section(1, Wasm.addModule()), section(1, mismatch));
        // First module: 0x0a-0x32; second module section at 0x33, the module at 0x35; its body 1 at 0x35 + 0x1c
        assertThat(problem(binary)).startsWith("invalid WebAssembly component at offset 0x51: in the core module at offset"
                + " 0x35: function 1: type mismatch");
    }

    @Test
    void aNestedComponentIsWalkedToo() {
        byte[] badOpcode = module(typeSection(funcType(new int[0])), functionSection(0), codeSection(body(0x01, 0xff, 0x0b)));
        byte[] binary = component(section(4, component(section(1, badOpcode))));
        // The inner component at 0x0a, its module section at 0x12, the module at 0x14, its 0xff at 0x14 + 0x18
        assertThat(problemBeforeTheParser(binary)).isEqualTo("invalid WebAssembly component at offset 0x2c: in the core"
                + " module at offset 0x14: function 0: illegal opcode 0xff");
        byte[] badInner = component(section(4, concat(Wasm.COMPONENT_HEADER, bytes(0x0d, 0x00))));
        assertThat(problemBeforeTheParser(badInner)).isEqualTo(
                "invalid WebAssembly component at offset 0x12: unknown component section id 13");
    }

    @Test
    void componentsNestedTooDeeplyAreRefused() {
        byte[] c = component();
        for (int i = 0; i < ComponentScanner.MAX_NESTING + 1; i++) {
            c = component(section(4, c));
        }
        assertThat(problemBeforeTheParser(c)).endsWith(": components nested more than 100 deep");
    }

    @Test
    void aComponentHeaderWithAnotherLayerOrVersionIsRefused() {
        byte[] binary = concat(Wasm.COMPONENT_HEADER, section(4, bytes(0, 'a', 's', 'm', 0x0e, 0, 1, 0)));
        assertThat(problemBeforeTheParser(binary)).isEqualTo("invalid WebAssembly component at offset 0xe: unknown"
                + " component version/layer 0e 00 01 00 (expected 0d 00 01 00)");
    }
}
