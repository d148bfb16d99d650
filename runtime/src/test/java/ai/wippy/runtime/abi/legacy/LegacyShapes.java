package ai.wippy.runtime.abi.legacy;

import ai.wippy.runtime.abi.*;

import ai.wippy.runtime.wit.WitType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The spec's despecialization: a tuple is laid out like a record, enum/option/result like a
 * variant. Layout, flattening, loads and stores only need the field or case types in order.
 */
final class LegacyShapes {

    private LegacyShapes() {
    }

    static boolean isRecordLike(WitType t) {
        return t instanceof WitType.RecordType || t instanceof WitType.TupleType;
    }

    static List<WitType> fieldTypes(WitType t) {
        if (t instanceof WitType.RecordType r) {
            return r.fields().stream().map(WitType.Field::type).toList();
        }
        return ((WitType.TupleType) t).types();
    }

    static boolean isVariantLike(WitType t) {
        return t instanceof WitType.VariantType || t instanceof WitType.EnumType
                || t instanceof WitType.OptionType || t instanceof WitType.ResultType;
    }

    /** Case payload types in case order; null for a case without payload. */
    static List<WitType> caseTypes(WitType t) {
        if (t instanceof WitType.VariantType v) {
            List<WitType> types = new ArrayList<>();
            v.cases().forEach(c -> types.add(c.type()));
            return types;
        }
        if (t instanceof WitType.EnumType e) {
            return Arrays.asList(new WitType[e.cases().size()]);
        }
        if (t instanceof WitType.OptionType o) {
            return Arrays.asList(null, o.type());
        }
        WitType.ResultType r = (WitType.ResultType) t;
        return Arrays.asList(r.ok(), r.err());
    }

    /** Number of 32-bit words of a flags type; more than 32 labels take several words. */
    static int flagWords(WitType.FlagsType f) {
        return (f.labels().size() + 31) / 32;
    }
}
