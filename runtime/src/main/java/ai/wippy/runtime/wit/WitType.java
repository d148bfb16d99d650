package ai.wippy.runtime.wit;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A WIT value type of WASI 0.2 (no async stream/future/error-context). {@link #toString()} gives
 * the type in WIT syntax, e.g. {@code list<s32>} or {@code result<string, u8>}. Records,
 * variants, enums and flags are structural here (the canonical ABI does not need their names), so
 * they print as {@code record { a: u8 }} and the like.
 *
 * <p>Java value model used by the canonical ABI and argument coercion: bool → Boolean;
 * s8/u8/s16/u16/s32 → Integer; u32/s64 → Long; u64 → Long (BigInteger above Long.MAX_VALUE);
 * f32 → Float; f64 → Double; char → String of one code point; string → String; list → List
 * (a {@code list<u8>} may also be lowered from a byte[]); fixed-length list {@code list<T, N>} → a
 * List of exactly N elements (as a list; another length is refused naming N); map → Map (lifted as
 * a {@link WitMap} in the guest's order, see there for repeated keys); record → Map by field name (lifted as a
 * LinkedHashMap in field order); tuple → List; variant → {@link WitVariant}; enum → String;
 * option → null for none, else the value (see {@link OptionType} for nested options); result →
 * {@link WitResult}; flags → Set of the set labels (lifted as a LinkedHashSet in label order);
 * own/borrow → Integer handle.
 */
public sealed interface WitType {

    Bool BOOL = new Bool();
    S8 S8 = new S8();
    U8 U8 = new U8();
    S16 S16 = new S16();
    U16 U16 = new U16();
    S32 S32 = new S32();
    U32 U32 = new U32();
    S64 S64 = new S64();
    U64 U64 = new U64();
    F32 F32 = new F32();
    F64 F64 = new F64();
    Char CHAR = new Char();
    StringType STRING = new StringType();

    record Bool() implements WitType {
        @Override public String toString() { return "bool"; }
    }

    record S8() implements WitType {
        @Override public String toString() { return "s8"; }
    }

    record U8() implements WitType {
        @Override public String toString() { return "u8"; }
    }

    record S16() implements WitType {
        @Override public String toString() { return "s16"; }
    }

    record U16() implements WitType {
        @Override public String toString() { return "u16"; }
    }

    record S32() implements WitType {
        @Override public String toString() { return "s32"; }
    }

    record U32() implements WitType {
        @Override public String toString() { return "u32"; }
    }

    record S64() implements WitType {
        @Override public String toString() { return "s64"; }
    }

    record U64() implements WitType {
        @Override public String toString() { return "u64"; }
    }

    record F32() implements WitType {
        @Override public String toString() { return "f32"; }
    }

    record F64() implements WitType {
        @Override public String toString() { return "f64"; }
    }

    record Char() implements WitType {
        @Override public String toString() { return "char"; }
    }

    record StringType() implements WitType {
        @Override public String toString() { return "string"; }
    }

    record ListType(WitType element) implements WitType {
        public ListType {
            Objects.requireNonNull(element, "element");
        }

        @Override public String toString() { return "list<" + element + ">"; }
    }

    /**
     * {@code list<T, N>}: a list of exactly {@code length} (≥ 1) elements, stored inline (Component
     * Model 🔧 fixed-length lists). Canonical ABI: as a tuple of {@code length} elements (inline, no
     * pointer); Java value: a List of exactly {@code length} elements.
     */
    record FixedListType(WitType element, int length) implements WitType {
        public FixedListType {
            Objects.requireNonNull(element, "element");
            if (length < 1) {
                throw new IllegalArgumentException("a fixed-length list has at least one element, not " + length);
            }
        }

        @Override public String toString() { return "list<" + element + ", " + length + ">"; }
    }

    /**
     * {@code map<K, V>} (Component Model 🗺️, WASI 0.3.1): a list of key-value pairs, K a bool, integer,
     * char or string. Canonical ABI: that of {@code list<tuple<K, V>>}; Java value: a Map (lifted as a
     * {@link WitMap}).
     */
    record MapType(WitType key, WitType value) implements WitType {
        public MapType {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }

        @Override public String toString() { return "map<" + key + ", " + value + ">"; }
    }

    record Field(String name, WitType type) {
        public Field {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
        }

        @Override public String toString() { return name + ": " + type; }
    }

    record RecordType(List<Field> fields) implements WitType {
        public RecordType {
            fields = List.copyOf(fields);
            requireNonEmptyAndDistinct("record", fields.stream().map(Field::name).toList());
        }

        @Override public String toString() { return "record { " + join(fields) + " }"; }
    }

    record TupleType(List<WitType> types) implements WitType {
        public TupleType {
            types = List.copyOf(types);
        }

        @Override public String toString() { return "tuple<" + join(types) + ">"; }
    }

    /** One case of a variant; {@code type} is null for a case without payload. */
    record Case(String name, WitType type) {
        public Case {
            Objects.requireNonNull(name, "name");
        }

        @Override public String toString() { return type == null ? name : name + "(" + type + ")"; }
    }

    record VariantType(List<Case> cases) implements WitType {
        public VariantType {
            cases = List.copyOf(cases);
            requireNonEmptyAndDistinct("variant", cases.stream().map(Case::name).toList());
        }

        @Override public String toString() { return "variant { " + join(cases) + " }"; }
    }

    record EnumType(List<String> cases) implements WitType {
        public EnumType {
            cases = List.copyOf(cases);
            requireNonEmptyAndDistinct("enum", cases);
        }

        @Override public String toString() { return "enum { " + String.join(", ", cases) + " }"; }
    }

    /**
     * {@code option<T>}: none is Java null, some(v) is v. When T is itself an option, null would be
     * ambiguous, so a nested option (an option directly inside an option) is represented
     * explicitly as {@code WitVariant("none", null)} or {@code WitVariant("some", v)}; only the
     * outermost option uses null. E.g. for {@code option<option<u8>>}: none → null,
     * some(none) → WitVariant("none", null), some(some(5)) → WitVariant("some", 5).
     */
    record OptionType(WitType type) implements WitType {
        public OptionType {
            Objects.requireNonNull(type, "type");
        }

        @Override public String toString() { return "option<" + type + ">"; }
    }

    /** {@code result<ok, err>}; either side may be null (no payload). */
    record ResultType(WitType ok, WitType err) implements WitType {
        @Override public String toString() {
            if (ok == null && err == null) {
                return "result";
            }
            if (err == null) {
                return "result<" + ok + ">";
            }
            return "result<" + (ok == null ? "_" : ok.toString()) + ", " + err + ">";
        }
    }

    record FlagsType(List<String> labels) implements WitType {
        public FlagsType {
            labels = List.copyOf(labels);
            requireNonEmptyAndDistinct("flags", labels);
        }

        @Override public String toString() { return "flags { " + String.join(", ", labels) + " }"; }
    }

    /** An owned handle of a resource (compared by the resource's identity). */
    record Own(ResourceType resource) implements WitType {
        public Own {
            Objects.requireNonNull(resource, "resource");
        }

        @Override public String toString() { return "own<" + resource.name() + ">"; }
    }

    /** A borrowed handle of a resource (compared by the resource's identity). */
    record Borrow(ResourceType resource) implements WitType {
        public Borrow {
            Objects.requireNonNull(resource, "resource");
        }

        @Override public String toString() { return "borrow<" + resource.name() + ">"; }
    }

    private static String join(List<?> items) {
        return items.stream().map(Object::toString).collect(Collectors.joining(", "));
    }

    private static void requireNonEmptyAndDistinct(String kind, List<String> names) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException(kind + " must have at least one " + (kind.equals("record") ? "field" : "case"));
        }
        Set<String> seen = new HashSet<>();
        List<String> duplicates = new ArrayList<>();
        for (String name : names) {
            if (!seen.add(name)) {
                duplicates.add(name);
            }
        }
        if (!duplicates.isEmpty()) {
            throw new IllegalArgumentException(kind + " has duplicate names: " + duplicates);
        }
    }
}
