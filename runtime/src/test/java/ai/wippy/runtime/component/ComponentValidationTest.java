package ai.wippy.runtime.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.wippy.runtime.component.ast.ComponentAst;
import ai.wippy.runtime.component.ast.CoreTypes;
import ai.wippy.runtime.component.binary.ComponentDecoder;
import ai.wippy.runtime.component.binary.ComponentFormatException;
import ai.wippy.runtime.component.compile.ComponentCompiler;
import ai.wippy.runtime.component.plan.ComponentPlan;
import ai.wippy.runtime.component.types.CoreExtern;
import ai.wippy.runtime.component.types.ModuleType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.Test;

/**
 * Rules of the decoder and validator that the spec scripts do not pin down (or only with a message
 * any refusal would pass): each binary is written by hand (Binary.md), decoded and compiled.
 */
class ComponentValidationTest {

    /** The one core module the lift tests use: {@code (func (export "f") (param i32 i32))}. */
    private static final byte[] CORE = Bytes.of().b(0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00)
            .section(1, Bytes.of().b(0x01, 0x60, 0x02, 0x7f, 0x7f, 0x00))
            .section(3, Bytes.of().b(0x01, 0x00))
            .section(7, Bytes.of().b(0x01).name("f").b(0x00, 0x00))
            .section(10, Bytes.of().b(0x01, 0x02, 0x00, 0x0b)).bytes();

    private static final ComponentCompiler.CoreModuleTypes CORE_TYPES = (bytes, offset) -> new ModuleType(List.of(),
            Map.of("f", new CoreExtern.Func(List.of(CoreTypes.ValType.I32, CoreTypes.ValType.I32), List.of())));

    private static ComponentPlan compile(byte[] binary) {
        ComponentAst ast = ComponentDecoder.decode(binary);
        return ComponentCompiler.compile(ast, CORE_TYPES);
    }

    private static void validate(byte[] binary) {
        ComponentCompiler.validate(ComponentDecoder.decode(binary), CORE_TYPES);
    }

    private static void refused(ThrowableAssert.ThrowingCallable call, ComponentFormatException.Kind kind, String text) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ComponentFormatException.class, e -> {
            assertThat(e.kind()).as(e.getMessage()).isEqualTo(kind);
            assertThat(e.getMessage()).contains(text).contains("at offset 0x");
        });
    }

    private static Bytes types(Bytes... types) {
        Bytes s = Bytes.of().u32(types.length);
        for (Bytes t : types) {
            s.raw(t);
        }
        return Bytes.of().section(7, s);
    }

    // ------------------------------------------------------------------ effective type size

    @Test
    void typesSharedByIndexCannotMakeAnExponentiallyLargeType() {
        // t0 = tuple<u8, u8>; t(2i-1) = list<t(2i-2)>; t(2i) = tuple<t(2i-1), t(2i-1)>: 119 types of
        // a few bytes, 2^60 nodes written out; the import's visibility check would walk them all
        Bytes[] t = new Bytes[120];
        t[0] = Bytes.of().b(0x6f, 0x02, 0x7d, 0x7d);
        for (int i = 1; i < 119; i += 2) {
            t[i] = Bytes.of().b(0x70).s33(i - 1);
            t[i + 1] = Bytes.of().b(0x6f, 0x02).s33(i).s33(i);
        }
        t[119] = Bytes.of().b(0x40, 0x01).name("x").s33(118).b(0x01, 0x00);
        byte[] binary = Bytes.component(types(t),
                Bytes.of().section(10, Bytes.of().b(0x01, 0x00).name("f").b(0x01).u32(119)));
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                refused(() -> compile(binary), ComponentFormatException.Kind.INVALID,
                        "effective type size exceeds the limit of 1000000"));
    }

    @Test
    void aTypeThatIsBothHugeAndLargeInMemoryIsRefusedWithoutPrintingIt() {
        // t(i) = tuple<t(i-1), t(i-1)>: elements of 2^i bytes and 2^i nodes; only the size is reported
        Bytes[] t = new Bytes[40];
        t[0] = Bytes.of().b(0x6f, 0x02, 0x7d, 0x7d);
        for (int i = 1; i < 40; i++) {
            t[i] = Bytes.of().b(0x6f, 0x02).s33(i - 1).s33(i - 1);
        }
        byte[] binary = Bytes.component(types(t));
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                refused(() -> compile(binary), ComponentFormatException.Kind.INVALID, "effective type size"));
    }

    @Test
    void nestedInstantiationsThatMultiplyAreRefusedInTime() {
        // each level defines the one below and instantiates it twice: 2^30 instantiations in 600 bytes
        byte[] c = Bytes.component();
        for (int k = 0; k < 30; k++) {
            c = Bytes.component(Bytes.of().section(4, Bytes.of().raw(c)),
                    Bytes.of().section(5, Bytes.of().b(0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00)));
        }
        byte[] binary = c;
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                refused(() -> compile(binary), ComponentFormatException.Kind.INVALID,
                        "nested component instantiations multiply"));
    }

    // ------------------------------------------------------------------ versions and name attributes

    @Test
    void anotherBinaryVersionIsMalformedNotUnsupported() {
        byte[] binary = {0x00, 0x61, 0x73, 0x6D, 0x0c, 0x00, 0x01, 0x00};
        refused(() -> compile(binary), ComponentFormatException.Kind.MALFORMED, "unknown binary version 0xc");
    }

    private static byte[] instanceImport(String name, int attribute, String value) {
        Bytes imp = Bytes.of().b(0x01, 0x02).name(name).b(0x01, attribute).name(value).b(0x05, 0x00);
        return Bytes.component(types(Bytes.of().b(0x42, 0x00)), Bytes.of().section(10, imp));
    }

    @Test
    void aVersionSuffixCompletesACanonicalInterfaceVersion() {
        validate(instanceImport("a:b/c@1", 0x01, ".2.3"));
        validate(instanceImport("a:b/c@0.2", 0x01, ".1-rc.1"));
        refused(() -> validate(instanceImport("a:b/c@1.2.3", 0x01, ".4")), ComponentFormatException.Kind.INVALID,
                "needs an interface name with a canonical version");
        refused(() -> validate(instanceImport("c", 0x01, ".2.3")), ComponentFormatException.Kind.INVALID,
                "needs an interface name with a canonical version");
        refused(() -> validate(instanceImport("a:b/c@1", 0x01, ".x")), ComponentFormatException.Kind.INVALID,
                "is not a valid semver");
    }

    @Test
    void theInterfaceAnImportImplementsReachesThePlan() {
        ComponentPlan plan = compile(instanceImport("primary", 0x00, "w:kv/store@1.0.0"));
        assertThat(plan.imports()).hasSize(1);
        assertThat(plan.imports().get(0).name()).isEqualTo("primary");
        assertThat(plan.imports().get(0).implementsName()).isEqualTo("w:kv/store@1.0.0");
        validate(instanceImport("secondary", 0x02, "any text, even ☃"));
    }

    @Test
    void eachAttributeAtMostOnce() {
        Bytes imp = Bytes.of().b(0x01, 0x02).name("i").b(0x02).b(0x02).name("x").b(0x02).name("y").b(0x05, 0x00);
        byte[] binary = Bytes.component(types(Bytes.of().b(0x42, 0x00)), Bytes.of().section(10, imp));
        refused(() -> validate(binary), ComponentFormatException.Kind.INVALID, "duplicate 'external-id' attribute");
    }

    // ------------------------------------------------------------------ map and fixed-length lists

    @Test
    void mapKeysAreBoolIntegersCharOrString() {
        validate(Bytes.component(types(Bytes.of().b(0x63, 0x73, 0x79), Bytes.of().b(0x63, 0x74, 0x7f))));
        refused(() -> validate(Bytes.component(types(Bytes.of().b(0x63, 0x76, 0x79)))),
                ComponentFormatException.Kind.INVALID, "map key type must be a bool, an integer, char or string, not f32");
        // a key given by index is the type it refers to
        validate(Bytes.component(types(Bytes.of().b(0x73), Bytes.of().b(0x63).s33(0).b(0x79))));
        refused(() -> validate(Bytes.component(types(Bytes.of().b(0x70, 0x7d), Bytes.of().b(0x63).s33(0).b(0x79)))),
                ComponentFormatException.Kind.INVALID, "not list<u8>");
    }

    @Test
    void aFixedLengthListHasAtLeastOneElement() {
        validate(Bytes.component(types(Bytes.of().b(0x67, 0x7d, 0x01))));
        refused(() -> validate(Bytes.component(types(Bytes.of().b(0x67, 0x7d, 0x00)))),
                ComponentFormatException.Kind.INVALID, "must have more than zero elements");
    }

    /** {@code (func (export "f") (param "a" (list u8 n)) (canon lift (core func $i "f")))}, then {@code more}. */
    private static byte[] liftFixedList(int length, Bytes... more) {
        Bytes[] sections = new Bytes[7 + more.length];
        sections[0] = Bytes.of().section(1, Bytes.of().raw(CORE));
        sections[1] = Bytes.of().section(2, Bytes.of().b(0x01, 0x00, 0x00, 0x00));
        sections[2] = Bytes.of().section(6, Bytes.of().b(0x01, 0x00, 0x00, 0x01, 0x00).name("f"));
        sections[3] = types(Bytes.of().b(0x67, 0x7d).u32(length),
                Bytes.of().b(0x40, 0x01).name("a").s33(0).b(0x01, 0x00));
        sections[4] = Bytes.of().section(8, Bytes.of().b(0x01, 0x00, 0x00, 0x00, 0x00, 0x01));
        sections[5] = Bytes.of().section(11, Bytes.of().b(0x01, 0x00).name("f").b(0x01, 0x00, 0x00));
        sections[6] = Bytes.of();
        System.arraycopy(more, 0, sections, 7, more.length);
        return Bytes.component(sections);
    }

    @Test
    void aFixedLengthListFlattensToItsElementsAndCompilesForRunning() {
        // list<u8, 2> is (i32, i32): the lift type-checks against the core function, no memory needed
        validate(liftFixedList(2));
        compile(liftFixedList(2));
    }

    @Test
    void aFixedLengthListOfMoreThanSixteenFlatValuesGoesThroughMemory() {
        refused(() -> validate(liftFixedList(17)), ComponentFormatException.Kind.INVALID,
                "canonical option `memory` is required");
    }

    @Test
    void aNestedComponentLiftingAFixedLengthListCompilesInstantiatedOrNot() {
        byte[] nested = liftFixedList(2);
        compile(Bytes.component(Bytes.of().section(4, Bytes.of().raw(nested))));
        compile(Bytes.component(Bytes.of().section(4, Bytes.of().raw(nested)),
                Bytes.of().section(5, Bytes.of().b(0x01, 0x00, 0x00, 0x00))));
    }

    @Test
    void anInvalidComponentLiftingAFixedLengthListIsRefusedAsInvalid() {
        Bytes badExport = Bytes.of().section(11, Bytes.of().b(0x01, 0x00).name("Not-Kebab").b(0x01, 0x00, 0x00));
        refused(() -> compile(liftFixedList(2, badExport)), ComponentFormatException.Kind.INVALID, "is not in kebab case");
    }

    // ------------------------------------------------------------------ GC core types

    @Test
    void aNonFinalFunctionTypeDecodesButModuleTypesCannotUseIt() {
        Bytes nonFinal = Bytes.of().section(3, Bytes.of().b(0x01, 0x00, 0x50, 0x00, 0x60, 0x00, 0x00));
        validate(Bytes.component(nonFinal));
        Bytes subFinal = Bytes.of().section(3, Bytes.of().b(0x01, 0x4f, 0x00, 0x60, 0x00, 0x00));
        Bytes moduleUsingIt = Bytes.of().section(3, Bytes.of().b(0x01, 0x50, 0x02)
                .b(0x02, 0x10, 0x01, 0x01, 0x00)                 // alias outer core type 0
                .b(0x00).name("a").name("b").b(0x00, 0x00));      // (import "a" "b" (func (type 0)))
        validate(Bytes.component(subFinal, moduleUsingIt)); // (sub final (func)) is just (func)
        refused(() -> validate(Bytes.component(nonFinal, moduleUsingIt)), ComponentFormatException.Kind.UNSUPPORTED,
                "non-final (GC) function type");
    }
}
